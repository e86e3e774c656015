/** Small runnable integrations that show how firmware links the agent. */
package org.opensmartagent.samples;
