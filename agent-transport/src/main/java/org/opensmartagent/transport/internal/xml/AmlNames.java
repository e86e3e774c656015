package org.opensmartagent.transport.internal.xml;

/**
 * Namespaces and fixed values of the Call Home envelope: SOAP 1.2 with the AML session header and
 * AML block of Cisco Call Home, and our own namespace for the licensing message in the block body.
 */
final class AmlNames {
  static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
  static final String SESSION = "http://www.cisco.com/2004/01/aml-session";
  static final String BLOCK = "http://www.cisco.com/2004/01/aml-block";
  static final String LICENSING = "urn:opensmartagent:licensing:1";

  /** The AML block type naming our content. */
  static final String BLOCK_TYPE = "urn:opensmartagent:licensing";

  static final String FROM = "urn:opensmartagent:agent";
  static final String BUILDER_NAME = "Open Smart Agent";
  static final String BUILDER_VERSION = "0.1";

  private AmlNames() {}
}
