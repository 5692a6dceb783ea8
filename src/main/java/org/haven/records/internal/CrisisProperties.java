package org.haven.records.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * @param lines the table of crisis lines by jurisdiction shown to a client whose answers
 * raise a risk (a YAML file: see the bundled records/crisis-lines.yml)
 */
@ConfigurationProperties("haven.records.crisis")
record CrisisProperties(@DefaultValue("classpath:records/crisis-lines.yml") Resource lines) {
}
