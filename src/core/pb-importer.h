/* pb-importer.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

typedef struct
{
  char         *path;
  GError       *error;       /* (nullable): why nothing of this file was imported */
  PbListKind    kind;
  char         *list_date;   /* (nullable) */
  guint         n_items;
  guint         n_skipped;
  guint         n_warnings;
  GPtrArray    *warnings;    /* (element-type utf8) (nullable) */
  PbMergeStats  stats;
} PbImportFile;

typedef struct
{
  GPtrArray    *files;       /* (element-type PbImportFile) */
  guint         n_failed;
  guint         n_items;
  guint         n_skipped;
  guint         n_warnings;
  PbMergeStats  stats;
} PbImportReport;

typedef struct
{
  gboolean      infer_list;  /* guess the list from each file's name */
  PbListKind    kind;        /* otherwise: this list for every file */
  const char   *list_date;
} PbImportOptions;

void            pb_import_report_free  (PbImportReport          *report);
gboolean        pb_import_guess_list   (const char              *path,
                                        PbListKind              *kind,
                                        char                   **list_date);
PbImportReport *pb_import_files        (PbStore                 *store,
                                        const char * const      *paths,
                                        const PbImportOptions   *options,
                                        GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbImportReport, pb_import_report_free)

G_END_DECLS
