package dev.vpnmanager.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vpnmanager.domain.Plan;
import dev.vpnmanager.domain.ResetPolicy;

/** A plan as listed: name, protocol, limit (0 = unlimited), days (0 = never expires), reset policy. */
@JsonPropertyOrder({"name", "protocol", "limitBytes", "days", "reset"})
public record PlanRecord(@JsonIgnore Long id, String name, String protocol, long limitBytes, int days, String reset) {
  static PlanRecord of(Plan p) {
    return new PlanRecord(p.getId(), p.getName(), p.getProtocol(), p.getLimitBytes(), p.getDays(),
        ResetPolicy.of(p.getResetStrategy(), p.getResetDay()).toString());
  }

  public ResetPolicy resetPolicy() {
    return ResetPolicy.parse(reset);
  }
}
