/* pb-cli.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pb-paper.h"
#include "pb-store.h"
#include "pb-sync.h"

G_BEGIN_DECLS

/* Exit statuses. */
#define PB_EXIT_OK    0
#define PB_EXIT_ERROR 1
#define PB_EXIT_USAGE 2

typedef struct
{
  char    *db_path;  /* (nullable): --db */
  gboolean json;     /* --json */
} PbCli;

typedef enum
{
  PB_PAPER_JSON_LIST     = 0,
  PB_PAPER_JSON_FULL     = 1 << 0,  /* abstract, links and the raw item */
  PB_PAPER_JSON_SEARCH   = 1 << 1,  /* score and snippet */
} PbPaperJsonFlags;

typedef int (*PbCliCommand) (PbCli *cli, int argc, char **argv);

/* A command of a group, such as "digest preview". */
typedef struct
{
  const char   *name;
  PbCliCommand  run;
  const char   *summary;
} PbCliSubcommand;

gboolean  pb_cli_parse_options    (PbCli          *cli,
                                   const char     *command,
                                   const char     *parameters,
                                   const char     *summary,
                                   const GOptionEntry *entries,
                                   gboolean        with_json,
                                   int            *argc,
                                   char         ***argv);
int       pb_cli_usage_error      (const char     *command,
                                   const char     *format,
                                   ...) G_GNUC_PRINTF (2, 3);
int       pb_cli_fail             (GError         *error);
PbStore  *pb_cli_open_store       (PbCli          *cli,
                                   gboolean        with_snapshot,
                                   GError        **error);
void      pb_cli_print_json       (JsonNode       *node);
void      pb_cli_add_paper_json   (JsonBuilder    *builder,
                                   PbPaper        *paper,
                                   PbPaperJsonFlags flags);
char     *pb_cli_dup_marked       (const char     *text,
                                   gboolean        terminal);
gboolean  pb_cli_is_terminal      (void);
GDateTime *pb_cli_parse_now       (const char     *text,
                                   GError        **error);
GSettings *pb_cli_open_settings   (GError        **error);
int       pb_cli_run_subcommand   (PbCli          *cli,
                                   const char     *group,
                                   const PbCliSubcommand *subcommands,
                                   int             argc,
                                   char          **argv);

/* A column of pb_cli_print_table(). */
typedef struct
{
  gboolean right;      /* aligned right (numbers) */
  guint    min_width;
  guint    gap;        /* spaces after it */
} PbCliColumn;

char     *pb_cli_dup_padded       (const char     *text,
                                   guint           width);
void      pb_cli_print_fields     (GPtrArray      *fields,
                                   guint           min_width);
void      pb_cli_print_table      (const PbCliColumn *columns,
                                   guint           n_columns,
                                   GPtrArray      *rows);

/* The service's notifications (pb-cli-notify.c). */
typedef struct _PbCliNotifier PbCliNotifier;

PbCliNotifier *pb_cli_notifier_new   (const char     *db_path,
                                      GSettings      *settings);
void      pb_cli_notifier_tell    (PbCliNotifier  *self,
                                   GPtrArray      *items);
void      pb_cli_notifier_free    (PbCliNotifier  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbCliNotifier, pb_cli_notifier_free)

int       pb_cli_import           (PbCli *cli, int argc, char **argv);
int       pb_cli_list             (PbCli *cli, int argc, char **argv);
int       pb_cli_search           (PbCli *cli, int argc, char **argv);
int       pb_cli_show             (PbCli *cli, int argc, char **argv);
int       pb_cli_star             (PbCli *cli, int argc, char **argv);
int       pb_cli_unstar           (PbCli *cli, int argc, char **argv);
int       pb_cli_read             (PbCli *cli, int argc, char **argv);
int       pb_cli_unread           (PbCli *cli, int argc, char **argv);
int       pb_cli_export           (PbCli *cli, int argc, char **argv);
int       pb_cli_status           (PbCli *cli, int argc, char **argv);
int       pb_cli_sync             (PbCli *cli, int argc, char **argv);
int       pb_cli_run_due          (PbCli *cli, int argc, char **argv);
int       pb_cli_service          (PbCli *cli, int argc, char **argv);

void      pb_cli_print_sync_result    (PbSyncResult *result);
void      pb_cli_add_sync_result_json (JsonBuilder  *builder,
                                       PbSyncResult *result);
int       pb_cli_account          (PbCli *cli, int argc, char **argv);
int       pb_cli_digest           (PbCli *cli, int argc, char **argv);

G_END_DECLS
