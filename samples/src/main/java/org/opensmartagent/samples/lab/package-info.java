/**
 * The simulated world of the demos (mock license server, virtual clock); scaffolding, not code for
 * firmware to copy.
 */
package org.opensmartagent.samples.lab;
