/* pb-highlight.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

char *pb_highlight_parse (const char     *marked,
                          gboolean        bold,
                          PangoAttrList **attrs);

G_END_DECLS
