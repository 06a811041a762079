package dev.vpnmanager.config;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/**
 * One configured value, injected by name ({@code @Config("invite-ttl") Duration ttl}) instead of the whole
 * {@link Settings}: a class that needs one value says which. {@link ConfigModule} provides them.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface Config {
  String value();
}
