package org.opensmartagent.core.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * How UDIs are written into CSRs and ID certificates.
 *
 * <ul>
 *   <li>Subject: {@code CN} = the primary UDI text (for example {@code
 *       PID:ESA-C170,SN:FCH1234ABCD}), plus {@code serialNumber} = the serial when the UDI has an
 *       {@code SN:} or {@code S:} field.
 *   <li>Subject alternative name: one {@code otherName} per UDI, primary first, of type {@link
 *       LicensingOids#UDI_OTHER_NAME} with a UTF8String value. It lists every UDI of an HA pair or
 *       stack; a single device lists just its own.
 * </ul>
 */
public final class UdiNames {
  private static final ASN1ObjectIdentifier UDI_TYPE =
      new ASN1ObjectIdentifier(LicensingOids.UDI_OTHER_NAME);
  private static final Pattern SERIAL = Pattern.compile("(?:^|,)\\s*(?:SN|S):([^,]+)");

  private UdiNames() {}

  public static X500Name subject(String primaryUdi) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    builder.addRDN(BCStyle.CN, primaryUdi);
    serialOf(primaryUdi).ifPresent(serial -> builder.addRDN(BCStyle.SERIALNUMBER, serial));
    return builder.build();
  }

  public static Extension altNames(List<String> udis) throws java.io.IOException {
    GeneralName[] names = new GeneralName[udis.size()];
    for (int i = 0; i < names.length; i++) {
      OtherName otherName = new OtherName(UDI_TYPE, new DERUTF8String(udis.get(i)));
      names[i] = new GeneralName(GeneralName.otherName, otherName);
    }
    return new Extension(
        Extension.subjectAlternativeName, false, new GeneralNames(names).getEncoded());
  }

  /** The UDIs listed in the alt-name extension, in order; empty if there is none. */
  public static List<String> fromAltNames(Extensions extensions) {
    List<String> udis = new ArrayList<>();
    GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (names == null) return udis;
    for (GeneralName name : names.getNames()) {
      if (name.getTagNo() != GeneralName.otherName) continue;
      OtherName otherName = OtherName.getInstance(name.getName());
      if (UDI_TYPE.equals(otherName.getTypeID())) {
        udis.add(DERUTF8String.getInstance(otherName.getValue()).getString());
      }
    }
    return udis;
  }

  /** The subject's common name, unescaped; empty if it has none. */
  public static Optional<String> commonName(X500Name subject) {
    RDN[] rdns = subject.getRDNs(BCStyle.CN);
    if (rdns.length == 0) return Optional.empty();
    ASN1Encodable value = rdns[0].getFirst().getValue();
    return value instanceof ASN1String
        ? Optional.of(((ASN1String) value).getString())
        : Optional.empty();
  }

  static Optional<String> serialOf(String udi) {
    Matcher matcher = SERIAL.matcher(udi);
    return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
  }
}
