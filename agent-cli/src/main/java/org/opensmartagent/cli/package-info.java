/** The {@code license_smart} command shell. */
package org.opensmartagent.cli;
