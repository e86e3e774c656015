/**
 * The transport SPI: the protocol's messages as core value types, the one interface a transport
 * implements, and the failure family that tells retryable transport failures from final server
 * verdicts. Transports (HTTP, test fakes) live in other modules.
 */
package org.opensmartagent.core.transport;
