package org.opensmartagent.core.identity.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the identity code uses. It is passed explicitly to every
 * {@code getInstance} call and never registered with {@link java.security.Security}, so linking
 * this library does not change the host application's JCA configuration.
 */
public final class CryptoProvider {
  /** Thread-safe; shared by all identity classes. */
  public static final Provider BC = new BouncyCastleProvider();

  private CryptoProvider() {}
}
