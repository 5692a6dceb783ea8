/**
 * Infrastructure every module may use: encryption at rest, the clock, mail delivery,
 * demo-mode stand-ins and web support. An open module without business logic.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.haven.shared;
