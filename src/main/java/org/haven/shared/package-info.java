/**
 * Infrastructure every module may use: encryption at rest, the clock, mail delivery,
 * demo-mode stand-ins and web support. An open module without business logic.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.haven.shared;

import org.springframework.modulith.ApplicationModule;
