/** The mock license server and the fleet simulator for testing products that link the agent. */
package org.opensmartagent.testkit;
