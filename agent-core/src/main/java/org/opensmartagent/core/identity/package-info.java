/**
 * Device identity for smart licensing: the device key pair ({@link
 * org.opensmartagent.core.identity.DeviceKeys}), its certificate signing request ({@link
 * org.opensmartagent.core.identity.Csr}), the pinned licensing root and chain validation ({@link
 * org.opensmartagent.core.identity.PinnedRoot}, {@link
 * org.opensmartagent.core.identity.ChainValidator}), and message signatures ({@link
 * org.opensmartagent.core.identity.IdentitySigner}, {@link
 * org.opensmartagent.core.identity.SignatureVerifier}). Every failure is an {@link
 * org.opensmartagent.core.identity.IdentityException} with a reason; time is always supplied by the
 * caller. Cryptography uses one BouncyCastle provider instance, never registered globally.
 */
package org.opensmartagent.core.identity;
