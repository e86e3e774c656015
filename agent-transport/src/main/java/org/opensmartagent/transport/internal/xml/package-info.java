/**
 * The Call Home SOAP 1.2 / AML envelope, written and parsed with the JDK's hardened XML APIs. Not
 * API.
 */
package org.opensmartagent.transport.internal.xml;
