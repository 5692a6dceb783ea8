package org.haven.messaging.internal;

import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.shared.text.SafeMarkdown;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An item as frames and the API carry it (docs/messaging.md); its HTML is the safe
 * Markdown rendering, or for a text (SMS) its plain words, as a phone shows them.
 */
@Component
class ItemJson {

	private final JsonMapper json;

	private final SafeMarkdown markdown;

	ItemJson(JsonMapper json, SafeMarkdown markdown) {
		this.json = json;
		this.markdown = markdown;
	}

	public ObjectNode json(Item item) {
		ObjectNode node = json.createObjectNode()
			.put("seq", item.seq())
			.put("rev", item.rev())
			.put("kind", item.kind().name().toLowerCase())
			.put("author", item.byClient() ? "client" : "therapist")
			.put("clientId", item.clientKey())
			.put("at", item.postedAt().toString())
			.put("deleted", item.deleted());
		if (item.editedAt() != null) {
			node.put("editedAt", item.editedAt().toString());
		}
		if (item.kind() == Item.Kind.CHAT && !item.deleted()) {
			node.put("text", item.text()).put("html", markdown.toHtml(item.text()));
		}
		if (item.kind() == Item.Kind.TEXT && !item.deleted()) {
			node.put("text", item.text()).put("html", PlainText.html(item.text()));
		}
		if (item.textState() != null) {
			node.put("textState", item.textState());
		}
		ArrayNode files = node.putArray("attachments");
		for (AttachmentInfo file : item.attachments()) {
			files.addObject()
				.put("id", file.id().toString())
				.put("name", file.name())
				.put("type", file.mediaType())
				.put("size", file.size())
				.put("inline", file.inline())
				.put("url", "/messages/" + item.conversationId() + "/attachments/" + file.id());
		}
		if (item.kind() == Item.Kind.LETTER) {
			node.putObject("letter")
				.put("thread", item.threadId().toString())
				.put("subject", item.subject())
				.put("url", "/messages/" + item.conversationId() + "/letters/" + item.threadId());
		}
		return node;
	}

	/**
	 * The {@code chat-item} frame that tells open chat pages of a new or changed item,
	 * written once for every connection.
	 */
	String frame(Item item) {
		ObjectNode frame = json.createObjectNode()
			.put("type", "chat-item")
			.put("conversation", item.conversationId().toString());
		frame.set("item", json(item));
		return json.writeValueAsString(frame);
	}

}
