package dev.vpnmanager.storage;

import io.ebean.Database;
import io.ebean.DatabaseFactory;
import io.ebean.annotation.Platform;
import io.ebean.config.DatabaseConfig;
import io.ebean.datasource.DataSourceConfig;
import io.ebean.dbmigration.DbMigration;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates the next schema migration from the entities, for SQLite and PostgreSQL, into
 * src/main/resources/dbmigration. Run after changing an entity, review the SQL, commit it:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=GenerateMigration -Dexec.args="NAME [VERSION [DROPS_OF]]"}; a VERSION (1.5) skips numbers other
 * branches reserved; DROPS_OF (1.4) also carries out the drops an earlier migration left pending.
 */
public final class GenerateMigration {
  private GenerateMigration() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("migration-gen");
    DataSourceConfig ds = new DataSourceConfig();
    ds.setUrl("jdbc:sqlite:" + tmp.resolve("gen.db"));
    ds.setUsername("");
    ds.setPassword("");
    DatabaseConfig config = new DatabaseConfig();
    config.setName("gen");
    config.setRegister(false);
    config.setDefaultServer(false);
    config.setDataSourceConfig(ds);
    config.setDisableClasspathSearch(true);
    Entities.ALL.forEach(config::addClass);
    config.setDatabasePlatformName("sqlite");
    Database db = DatabaseFactory.create(config);
    DbMigration migration = DbMigration.create();
    migration.setServer(db);
    migration.setPathToResources("src/main/resources");
    migration.addPlatform(Platform.SQLITE);
    migration.addPlatform(Platform.POSTGRES);
    migration.setName(args.length > 0 ? args[0] : "change");
    if (args.length > 1) {
      migration.setVersion(args[1]);
    }
    if (args.length > 2) {
      migration.setGeneratePendingDrop(args[2]);
    }
    migration.setStrictMode(false);
    System.out.println("generated: " + migration.generateMigration());
    db.shutdown();
  }
}
