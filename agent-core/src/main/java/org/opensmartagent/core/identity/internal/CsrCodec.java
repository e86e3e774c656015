package org.opensmartagent.core.identity.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.opensmartagent.core.identity.DeviceKeys;
import org.opensmartagent.core.identity.IdentityException;
import org.opensmartagent.core.identity.IdentityException.Reason;

/** Builds and checks PKCS#10 requests; see {@link UdiNames} for where the UDIs go. Stateless. */
public final class CsrCodec {
  private CsrCodec() {}

  /** Builds a request signed by {@code keys}; {@code udis} lists the primary UDI first. */
  public static PKCS10CertificationRequest build(DeviceKeys keys, List<String> udis)
      throws IdentityException {
    try {
      Extensions requested = new Extensions(UdiNames.altNames(udis));
      return new JcaPKCS10CertificationRequestBuilder(
              UdiNames.subject(udis.get(0)), keys.publicKey())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested)
          .build(new DeviceKeysContentSigner(keys));
    } catch (IOException | RuntimeException e) {
      throw new IdentityException(
          Reason.CSR_GENERATION_FAILED, "the certificate signing request could not be built", e);
    }
  }

  /** Parses a DER request and checks its self-signature and key type. */
  public static PKCS10CertificationRequest parseAndVerify(byte[] der) throws IdentityException {
    PKCS10CertificationRequest request = parse(der);
    try {
      KeyCodec.algorithmOf(request.getSubjectPublicKeyInfo().getEncoded());
      ContentVerifierProvider verifier =
          new JcaContentVerifierProviderBuilder()
              .setProvider(CryptoProvider.BC)
              .build(request.getSubjectPublicKeyInfo());
      if (!request.isSignatureValid(verifier)) {
        throw invalid("its signature does not match its contents (was it altered?)", null);
      }
    } catch (IdentityException e) {
      if (e.reason() == Reason.CSR_INVALID) throw e;
      throw invalid("its public key is unsupported: " + e.getMessage(), e);
    } catch (IOException | OperatorCreationException | PKCSException | RuntimeException e) {
      throw invalid("its signature cannot be checked", e);
    }
    if (UdiNames.commonName(request.getSubject()).isEmpty()) {
      throw invalid("its subject has no common name carrying the UDI", null);
    }
    return request;
  }

  /** All UDIs of a verified request: the alt-name list, or the subject CN alone if none. */
  public static List<String> udis(PKCS10CertificationRequest request) {
    List<String> udis = UdiNames.fromAltNames(request.getRequestedExtensions());
    if (!udis.isEmpty()) return udis;
    List<String> single = new ArrayList<>();
    UdiNames.commonName(request.getSubject()).ifPresent(single::add);
    return single;
  }

  private static PKCS10CertificationRequest parse(byte[] der) throws IdentityException {
    try {
      return new PKCS10CertificationRequest(der);
    } catch (IOException | RuntimeException e) {
      throw invalid("it is not a DER-encoded PKCS#10 request", e);
    }
  }

  private static IdentityException invalid(String why, Throwable cause) {
    String what = "the certificate signing request was refused: " + why;
    return cause == null
        ? new IdentityException(Reason.CSR_INVALID, what)
        : new IdentityException(Reason.CSR_INVALID, what, cause);
  }
}
