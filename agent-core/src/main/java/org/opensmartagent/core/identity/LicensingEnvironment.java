package org.opensmartagent.core.identity;

import org.opensmartagent.core.identity.internal.LicensingOids;

/**
 * The licensing PKI a certificate belongs to. Every licensing certificate (root, issuing CA, server
 * signing certificate, device ID certificate) carries exactly one of these policy OIDs in its
 * certificate-policies extension; a device accepts only certificates whose marker equals that of
 * its pinned root. The OIDs are listed in {@link LicensingOids}.
 */
public enum LicensingEnvironment {
  PRODUCTION(LicensingOids.PRODUCTION_POLICY),
  DEVELOPMENT(LicensingOids.DEVELOPMENT_POLICY);

  private final String policyOid;

  LicensingEnvironment(String policyOid) {
    this.policyOid = policyOid;
  }

  /** The certificate policy OID that marks certificates of this environment, in dotted form. */
  public String policyOid() {
    return policyOid;
  }
}
