/* pb-bibtex.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-paper.h"

G_BEGIN_DECLS

char *pb_bibtex_dup_key   (PbPaper *paper);
char *pb_bibtex_dup_entry (PbPaper *paper);

G_END_DECLS
