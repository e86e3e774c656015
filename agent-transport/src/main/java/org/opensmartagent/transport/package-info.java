/**
 * HTTP(S) transports for the agent: Direct and Transport Gateway (Call Home SOAP/AML) and Smart
 * Transport (JSON). Configure a {@link org.opensmartagent.transport.TransportSettings} and get a
 * core {@code MessageChannel} from {@link org.opensmartagent.transport.Transports#channel}. The
 * envelopes are described in {@code docs/protocol.md}.
 */
package org.opensmartagent.transport;
