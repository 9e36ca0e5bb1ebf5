/* pb-test-util.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pb-importer.h"
#include "pb-store-private.h"

G_BEGIN_DECLS

/* Every test case gets its own folder and database; nothing is shared
 * between cases, so they can run in any order (and with -p). */
typedef struct
{
  char    *dir;      /* (owned): a fresh temporary folder */
  char    *db_path;  /* (owned): dir/papers.db, not created yet */
  PbStore *store;    /* (owned) (nullable): opened by the setup functions that say so */
} PbTestFixture;

void            pb_test_init                (int                 *argc,
                                             char              ***argv);
int             pb_test_run                 (void);

const char     *pb_test_data_dir            (void);
char           *pb_test_data_path           (const char          *first,
                                             ...) G_GNUC_NULL_TERMINATED;
GStrv           pb_test_hf_fixtures         (void);
GStrv           pb_test_all_fixtures        (void);

char           *pb_test_make_tmp_dir        (void);
void            pb_test_remove_tree         (const char          *path);
char           *pb_test_write_file          (const char          *dir,
                                             const char          *name,
                                             const char          *contents,
                                             gssize               length);

void            pb_test_fixture_setup       (PbTestFixture       *fixture,
                                             gconstpointer        data);
void            pb_test_fixture_setup_open  (PbTestFixture       *fixture,
                                             gconstpointer        data);
void            pb_test_fixture_setup_full  (PbTestFixture       *fixture,
                                             gconstpointer        data);
void            pb_test_fixture_teardown    (PbTestFixture       *fixture,
                                             gconstpointer        data);

PbImportReport *pb_test_import              (PbStore             *store,
                                             const char * const  *paths);
PbImportReport *pb_test_import_one          (PbStore             *store,
                                             const char          *path);
void            pb_test_import_all          (PbStore             *store);
void            pb_test_merge_json          (PbStore             *store,
                                             const char          *json,
                                             PbListKind           kind,
                                             const char          *list_date,
                                             PbMergeStats        *stats);

gint64          pb_test_query_int           (PbStore             *store,
                                             const char          *sql);
char           *pb_test_query_text          (PbStore             *store,
                                             const char          *sql);
char           *pb_test_dump                (PbStore             *store,
                                             const char          *sql);
void            pb_test_exec                (PbStore             *store,
                                             const char          *sql);

JsonNode       *pb_test_load_json           (const char          *path);
GPtrArray      *pb_test_read_ids            (const char          *path);
GHashTable     *pb_test_id_set              (const char * const  *paths);

char           *pb_test_squash_ascii        (const char          *text);

G_END_DECLS
