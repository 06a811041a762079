package dev.vpnmanager.cli;

import dev.vpnmanager.doctor.Check;
import dev.vpnmanager.doctor.Doctor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** doctor: checks configuration, database and data dir; says what to fix. Exit 1 when a check fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check configuration, database, data dir, chat transports and Docker; say what to fix.")
public final class DoctorCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() {
    List<Check> checks = new Doctor(root.settings(), root::app).run();
    boolean failed = false;
    for (Check c : checks) {
      root.out.println(c.line());
      failed |= c.status() == Check.Status.FAIL;
    }
    return failed ? 1 : 0;
  }
}
