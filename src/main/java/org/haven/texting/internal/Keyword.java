package org.haven.texting.internal;

/**
 * What a text that is only a keyword asks for (see {@link TextKeywords}).
 */
public enum Keyword {

	/** Send no more texts to this number. */
	OPT_OUT,

	/** Texts may be sent to this number again. */
	OPT_IN,

	/** Reply with who we are and how to stop. */
	HELP

}
