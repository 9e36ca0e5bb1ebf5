/* pb-parser.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pb-paper.h"

G_BEGIN_DECLS

#define PB_PARSER_ERROR (pb_parser_error_quark ())

typedef enum
{
  PB_PARSER_ERROR_ENCODING,
  PB_PARSER_ERROR_SYNTAX,
  PB_PARSER_ERROR_TOO_DEEP,
  PB_PARSER_ERROR_API,
  PB_PARSER_ERROR_SHAPE,
} PbParserError;

/* Limits past which an item is absurd rather than large. */
#define PB_PARSER_MAX_DEPTH        256
#define PB_PARSER_MAX_TITLE        4096
#define PB_PARSER_MAX_ABSTRACT     (64 * 1024)
#define PB_PARSER_MAX_AUTHORS      5000
#define PB_PARSER_MAX_NAME         512
#define PB_PARSER_MAX_KEYWORDS     64
#define PB_PARSER_MAX_URL          2048
#define PB_PARSER_MAX_COUNT        1000000000
#define PB_PARSER_MAX_WARNINGS     100

typedef struct
{
  GPtrArray *papers;       /* (element-type PbPaper): in feed order, without duplicates */
  guint      n_items;      /* items in the input */
  guint      n_skipped;    /* items left out: not a paper, bad id, absurd sizes, duplicates */
  guint      n_warnings;   /* every problem, skipped items included */
  GPtrArray *warnings;     /* (element-type utf8): the first PB_PARSER_MAX_WARNINGS */
} PbParseResult;

GQuark         pb_parser_error_quark   (void);

PbParseResult *pb_parse_result_new     (void);
void           pb_parse_result_free    (PbParseResult  *result);

PbParseResult *pb_parser_parse         (const char     *data,
                                        gsize           length,
                                        GError        **error);
JsonNode      *pb_parser_load          (const char     *data,
                                        gsize           length,
                                        GError        **error);
gboolean       pb_parser_read_list     (JsonNode       *root,
                                        PbParseResult  *result,
                                        GError        **error);
void           pb_parser_read_item     (JsonNode       *item,
                                        PbParseResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbParseResult, pb_parse_result_free)

G_END_DECLS
