/**
 * Scheduling for the agent: the small {@link org.opensmartagent.core.time.AgentScheduler}
 * interface, a daemon-thread default, and {@link org.opensmartagent.core.time.VirtualTime} for
 * tests and simulations that move a year forward in milliseconds.
 */
package org.opensmartagent.core.time;
