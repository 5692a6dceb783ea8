package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/** A module's version follows every module it imports, however deep, and nothing else. */
class ModuleGraphVersionStrategyTests {

	private final ModuleGraphVersionStrategy versions = new ModuleGraphVersionStrategy();

	@TempDir
	Path js;

	@Test
	void aChangeInAnImportedModuleChangesTheVersionOfEveryModuleThatImportsIt() throws IOException {
		write("chat.js",
				"import { createConnection } from './chat/connection.js';\nimport { view } from \"./chat/view.js\";\n");
		write("chat/connection.js", "export function createConnection() {}\n");
		write("chat/view.js", "import { safeFragment } from './safe-html.js';\nexport const view = 1;\n");
		write("chat/safe-html.js", "export function safeFragment() { return 1; }\n");
		write("visit/text-panel.js", "import {\n  createConnection,\n} from '../chat/connection.js';\n");
		write("letters.js", "export const letters = 1;\n");
		String chat = version("chat.js");
		String view = version("chat/view.js");
		String panel = version("visit/text-panel.js");
		String letters = version("letters.js");

		write("chat/safe-html.js", "export function safeFragment() { return 2; }\n");

		assertThat(version("chat/view.js")).isNotEqualTo(view);
		assertThat(version("chat.js")).isNotEqualTo(chat);
		assertThat(version("visit/text-panel.js")).isEqualTo(panel);
		assertThat(version("letters.js")).isEqualTo(letters);

		write("chat/connection.js", "export function createConnection() { return 2; }\n");

		assertThat(version("visit/text-panel.js")).isNotEqualTo(panel);
		assertThat(version("chat.js")).matches("[0-9a-f]{32}");
	}

	@Test
	void importsThatFormACycleOrNameNothingStillHaveAVersion() throws IOException {
		write("a.js", "import './b.js';\nimport('./missing.js');\n");
		write("b.js", "import { a } from './a.js';\n");

		assertThat(version("a.js")).matches("[0-9a-f]{32}").isNotEqualTo(version("b.js"));
		assertThat(version("a.js")).isEqualTo(version("a.js"));
	}

	private String version(String module) {
		return versions.getResourceVersion(new FileSystemResource(js.resolve(module)));
	}

	private void write(String module, String content) throws IOException {
		Path file = js.resolve(module);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
