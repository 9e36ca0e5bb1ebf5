/* pb-highlight.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-highlight"

#include "config.h"

#include <string.h>

#include "pb-highlight.h"
#include "pb-paper.h"

/* A yellow that reads as a marker on both the light and the dark style,
 * because it is mostly transparent. */
#define MARK_RED   0xf600
#define MARK_GREEN 0xd300
#define MARK_BLUE  0x2d00
#define MARK_ALPHA 0x6000

static void
add_mark (PangoAttrList *attrs,
          guint          start,
          guint          end,
          gboolean       bold)
{
  PangoAttribute *attr;

  attr = pango_attr_background_new (MARK_RED, MARK_GREEN, MARK_BLUE);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);

  attr = pango_attr_background_alpha_new (MARK_ALPHA);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);

  if (bold)
    {
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
}

/**
 * pb_highlight_parse:
 * @marked: text in which the store marked matches between
 *   %PB_HIGHLIGHT_START and %PB_HIGHLIGHT_END
 * @bold: also make the matches bold
 * @attrs: (out) (transfer full): attributes marking the matches in the
 *   returned text
 *
 * Search results come from the feed, so they are never parsed as markup:
 * the markers become attribute ranges over the literal text.
 *
 * Returns: (transfer full): @marked without the markers
 */
char *
pb_highlight_parse (const char     *marked,
                    gboolean        bold,
                    PangoAttrList **attrs)
{
  GString *plain = g_string_sized_new (strlen (marked));
  gssize start = -1;

  *attrs = pango_attr_list_new ();

  for (const char *p = marked; *p != '\0'; p++)
    {
      if (*p == PB_HIGHLIGHT_START[0])
        start = plain->len;
      else if (*p == PB_HIGHLIGHT_END[0])
        {
          if (start >= 0 && (gsize)start < plain->len)
            add_mark (*attrs, start, plain->len, bold);
          start = -1;
        }
      else
        g_string_append_c (plain, *p);
    }

  if (start >= 0 && (gsize)start < plain->len)
    add_mark (*attrs, start, plain->len, bold);

  return g_string_free (plain, FALSE);
}
