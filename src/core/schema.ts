// zod's small build (`zod/mini`) leaves messages to a locale: parses whose errors a person reads
// pass this one, so that they say what is wrong in English.
import en from 'zod/v4/locales/en.js';

/** Parse options giving zod's English messages: `Schema.safeParse(value, english)`. */
export const english = { error: en().localeError };
