/**
 * HTTP(S) transports for the agent: Direct and Transport Gateway (Call Home XML) and Smart
 * Transport (JSON).
 */
package org.opensmartagent.transport;
