/* pb-search-query.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-search-query"

#include "config.h"

#include <string.h>

#include "pb-search-query.h"

/*
 * Turns what a person typed into an FTS5 query that cannot fail.
 *
 * FTS5 has its own syntax (quotes, *, -, :, NEAR, AND/OR/NOT, parentheses,
 * column filters) and raises an error for anything it cannot parse. Rather
 * than escaping that syntax we rebuild the query from scratch: every word
 * is cut into the same tokens unicode61 makes (letters, digits, marks) and
 * each word is written as a quoted FTS5 string, so the only syntax in the
 * result is ours.
 *
 * What people can still say:
 *  - "exact phrase" in balanced double quotes (unbalanced quotes are ignored);
 *  - author:name (or authors:) to search the author names only;
 *  - a word with inner punctuation ("GPT-4o", "state-of-the-art") is a phrase;
 *  - the last word matches as a prefix while typing.
 */

typedef struct
{
  GString  *expr;
  guint     n_terms;
} Builder;

static gboolean
is_token_char (gunichar c)
{
  if (g_unichar_isalnum (c))
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Appends the tokens of @word[0..len) separated by spaces; returns how many. */
static guint
append_tokens (GString    *out,
               const char *word,
               gsize       len,
               GString    *last_token)
{
  const char *end = word + len;
  gboolean in_token = FALSE;
  guint n = 0;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_token_char (c))
        {
          if (!in_token)
            {
              if (n > 0)
                g_string_append_c (out, ' ');
              if (last_token)
                g_string_truncate (last_token, 0);
              n++;
              in_token = TRUE;
            }
          g_string_append_unichar (out, c);
          if (last_token)
            g_string_append_unichar (last_token, c);
        }
      else
        in_token = FALSE;
    }

  return n;
}

static void
append_operator (Builder            *b,
                 PbSearchQueryFlags  flags)
{
  if (b->expr->len > 0)
    g_string_append (b->expr, (flags & PB_SEARCH_QUERY_ANY) ? " OR " : " AND ");
}

/* Porter stems the index: "running" is stored as "run", so the typed prefix
 * "runni" matches nothing. Shorter forms of the word, as whole words, find
 * it; the caller only asks for them when the plain prefix found nothing. */
static void
append_shorter_forms (GString    *out,
                      const char *token)
{
  glong len = g_utf8_strlen (token, -1);

  for (glong n = len - 1; n >= MAX (3, len - 3); n--)
    {
      const char *cut = g_utf8_offset_to_pointer (token, n);

      g_string_append (out, " OR \"");
      g_string_append_len (out, token, cut - token);
      g_string_append_c (out, '"');
    }
}

static void
add_word (Builder            *b,
          const char         *word,
          gsize               len,
          gboolean            is_phrase,
          gboolean            is_last,
          PbSearchQueryFlags  flags)
{
  g_autoptr(GString) tokens = g_string_new (NULL);
  g_autoptr(GString) last_token = g_string_new (NULL);
  const char *column = NULL;
  gboolean prefix;
  glong last_len;
  guint n;

  if (b->n_terms >= PB_SEARCH_QUERY_MAX_TERMS)
    return;

  if (!is_phrase)
    {
      if (len > 7 && g_ascii_strncasecmp (word, "author:", 7) == 0)
        column = "authors_text", word += 7, len -= 7;
      else if (len > 8 && g_ascii_strncasecmp (word, "authors:", 8) == 0)
        column = "authors_text", word += 8, len -= 8;
    }

  n = append_tokens (tokens, word, len, last_token);
  if (n == 0)
    return;

  last_len = g_utf8_strlen (last_token->str, -1);
  prefix = is_last && !is_phrase && (flags & PB_SEARCH_QUERY_PREFIX_LAST) && last_len >= 3;

  /* A single letter still being typed after other words says nothing yet. */
  if (is_last && !is_phrase && (flags & PB_SEARCH_QUERY_PREFIX_LAST) &&
      n == 1 && last_len == 1 && b->n_terms > 0)
    return;

  append_operator (b, flags);
  if (column)
    g_string_append_printf (b->expr, "{%s} : ", column);
  if (prefix && n == 1 && (flags & PB_SEARCH_QUERY_STEM_LAST))
    {
      g_string_append_printf (b->expr, "(\"%s\" *", tokens->str);
      append_shorter_forms (b->expr, tokens->str);
      g_string_append_c (b->expr, ')');
    }
  else
    g_string_append_printf (b->expr, "\"%s\"%s", tokens->str, prefix ? " *" : "");

  b->n_terms++;
}

typedef struct
{
  const char *start;
  gsize       len;
  gboolean    is_phrase;
} Word;

static gboolean
is_space_at (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* Words are runs of non-space; a quote opens a phrase only if it closes. */
static GArray *
split_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  gboolean balanced = TRUE;
  const char *p = text;

  for (const char *q = text; *q; q++)
    if (*q == '"')
      balanced = !balanced;

  while (*p)
    {
      Word word = { p, 0, FALSE };

      if (is_space_at (p) || (*p == '"' && !balanced))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (*p == '"')
        {
          word.start = ++p;
          word.is_phrase = TRUE;
          while (*p && *p != '"')
            p++;
          word.len = p - word.start;
          if (*p == '"')
            p++;
        }
      else
        {
          while (*p && !is_space_at (p) && *p != '"')
            p = g_utf8_next_char (p);
          word.len = p - word.start;
        }

      g_array_append_val (words, word);
    }

  return words;
}

/**
 * pb_search_query_build:
 * @text: what the user typed, any UTF-8
 * @flags: how to treat the last word and how to combine words
 *
 * Returns: (transfer full) (nullable): an FTS5 query expression, or %NULL
 *   when @text holds nothing searchable (only punctuation or emoji)
 */
char *
pb_search_query_build (const char         *text,
                       PbSearchQueryFlags  flags)
{
  g_autofree char *clipped = NULL;
  g_autoptr(GArray) words = NULL;
  gboolean ends_in_space;
  Builder b = { 0, };

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  clipped = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), PB_SEARCH_QUERY_MAX_CHARS));
  words = split_words (clipped);
  ends_in_space = *clipped != '\0' &&
                  is_space_at (g_utf8_find_prev_char (clipped, clipped + strlen (clipped)));

  b.expr = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);
      gboolean is_last = i + 1 == words->len && !ends_in_space;

      add_word (&b, word->start, word->len, word->is_phrase, is_last, flags);
    }

  if (b.n_terms == 0)
    {
      g_string_free (b.expr, TRUE);
      return NULL;
    }

  return g_string_free (b.expr, FALSE);
}
