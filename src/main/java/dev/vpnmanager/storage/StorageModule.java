package dev.vpnmanager.storage;

import dagger.Module;
import dagger.Provides;
import io.ebean.Database;
import javax.inject.Singleton;

/** The database: opened and migrated once per process, on first use. */
@Module
public interface StorageModule {
  @Provides
  @Singleton
  static Database database(DatabaseHolder holder) {
    return holder.get();
  }
}
