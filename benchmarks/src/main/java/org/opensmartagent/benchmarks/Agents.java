package org.opensmartagent.benchmarks;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.opensmartagent.core.CountUnit;
import org.opensmartagent.core.EntitlementDefinition;
import org.opensmartagent.core.EntitlementTag;
import org.opensmartagent.core.ProductPolicy;
import org.opensmartagent.core.SmartAgent;
import org.opensmartagent.core.Udi;
import org.opensmartagent.core.store.DeviceSecret;
import org.opensmartagent.core.store.FileTrustedStore;
import org.opensmartagent.core.store.InMemoryTrustedStore;
import org.opensmartagent.core.store.StoreException;
import org.opensmartagent.core.store.TrustedStore;
import org.opensmartagent.core.time.AgentScheduler;
import org.opensmartagent.core.transport.AuthorizeRequest;
import org.opensmartagent.core.transport.AuthorizeResponse;
import org.opensmartagent.core.transport.DeregisterRequest;
import org.opensmartagent.core.transport.DeregisterResponse;
import org.opensmartagent.core.transport.LicensingTransport;
import org.opensmartagent.core.transport.RegisterRequest;
import org.opensmartagent.core.transport.RegisterResponse;
import org.opensmartagent.core.transport.RenewIdRequest;
import org.opensmartagent.core.transport.RenewIdResponse;
import org.opensmartagent.core.transport.ServerReply;
import org.opensmartagent.core.transport.TransportException;

/** The product and agents the benchmarks share. */
final class Agents {
  static final EntitlementTag MAIL = EntitlementTag.parse("ESA_Mail_Handling");
  static final EntitlementTag MALWARE = EntitlementTag.parse("ESA_Anti_Malware");
  static final ProductPolicy POLICY =
      ProductPolicy.builder()
          .productName("Email Security Appliance")
          .entitlement(EntitlementDefinition.base(MAIL.value(), "Mail Handling"))
          .entitlement(
              EntitlementDefinition.feature(MALWARE.value(), "Anti-Malware")
                  .withUnit(CountUnit.USERS))
          .build();

  /** A transport for benchmarks that never reach a server: every call fails fast. */
  static final LicensingTransport OFFLINE =
      new LicensingTransport() {
        @Override
        public ServerReply<RegisterResponse> register(RegisterRequest r) throws TransportException {
          throw offline();
        }

        @Override
        public ServerReply<AuthorizeResponse> authorize(AuthorizeRequest r)
            throws TransportException {
          throw offline();
        }

        @Override
        public ServerReply<RenewIdResponse> renewId(RenewIdRequest r) throws TransportException {
          throw offline();
        }

        @Override
        public ServerReply<DeregisterResponse> deregister(DeregisterRequest r)
            throws TransportException {
          throw offline();
        }

        @Override
        public String description() {
          return "offline";
        }

        private TransportException offline() {
          return new TransportException(TransportException.Kind.CONNECTION, "offline benchmark");
        }
      };

  private Agents() {}

  static TrustedStore store(String kind, Path dir) throws StoreException {
    return switch (kind) {
      case "memory" -> new InMemoryTrustedStore();
      case "file" -> FileTrustedStore.open(dir, DeviceSecret.of(new byte[32]));
      default -> throw new IllegalArgumentException("store kind memory|file; got " + kind);
    };
  }

  /** An unregistered, enabled agent with no server, on {@code scheduler}. */
  static SmartAgent.Builder offline(TrustedStore store, AgentScheduler scheduler, String serial) {
    return SmartAgent.builder()
        .policy(POLICY)
        .udi(Udi.of("ESA-C170", serial))
        .transport(OFFLINE)
        .store(store)
        .scheduler(scheduler)
        .secureRandom(new SecureRandom());
  }
}
