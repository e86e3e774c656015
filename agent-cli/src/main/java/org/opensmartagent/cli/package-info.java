/** The {@code license_smart} command shell, its mock license server launcher and the demo. */
package org.opensmartagent.cli;
