/* pb-store-schema.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-store-private.h"

/*
 * The schema, as numbered forward migrations. Migration N takes a database
 * at user_version N-1 to N in one transaction. Never edit a migration that
 * has shipped: add the next one.
 */

/* 1: papers, their authors, raw JSON, list memberships, count history, user
 * state and the full-text index. */
static const char migration_1[] =
  "CREATE TABLE papers ("
  "  pk            INTEGER PRIMARY KEY,"
  "  id            TEXT NOT NULL UNIQUE,"
  "  title         TEXT NOT NULL,"
  "  authors_text  TEXT NOT NULL DEFAULT '',"   /* names, one per line */
  "  abstract      TEXT,"
  "  ai_summary    TEXT,"
  "  keywords_text TEXT,"                       /* AI keywords, one per line */
  "  published_on  TEXT,"                       /* arXiv date, YYYY-MM-DD */
  "  listed_on     TEXT,"                       /* first daily list, YYYY-MM-DD */
  "  submitted_at  INTEGER,"
  "  upvotes       INTEGER,"                    /* NULL: never known */
  "  comments      INTEGER,"
  "  github_stars  INTEGER,"
  "  github_repo   TEXT,"
  "  project_page  TEXT,"
  "  thumbnail_url TEXT,"
  "  organization  TEXT,"
  "  first_seen    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  raw_hash      INTEGER NOT NULL"
  ");"
  "CREATE INDEX papers_by_upvotes ON papers (upvotes);"
  "CREATE INDEX papers_by_published ON papers (published_on);"
  "CREATE INDEX papers_by_comments ON papers (comments);"
  "CREATE INDEX papers_by_stars ON papers (github_stars);"
  "CREATE INDEX papers_by_listed ON papers (listed_on, upvotes);"

  "CREATE TABLE paper_authors ("
  "  paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  PRIMARY KEY (paper_pk, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE paper_raw ("
  "  paper_pk INTEGER PRIMARY KEY REFERENCES papers (pk) ON DELETE CASCADE,"
  "  json     TEXT NOT NULL"
  ");"

  "CREATE TABLE daily_lists ("
  "  list_date TEXT NOT NULL,"
  "  paper_pk  INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  rank      INTEGER NOT NULL,"
  "  PRIMARY KEY (list_date, paper_pk)"
  ") WITHOUT ROWID;"
  "CREATE INDEX daily_lists_by_paper ON daily_lists (paper_pk);"

  "CREATE TABLE trending_snapshots ("
  "  id         INTEGER PRIMARY KEY,"
  "  fetched_at INTEGER NOT NULL,"
  "  n_papers   INTEGER NOT NULL"
  ");"
  "CREATE TABLE trending_entries ("
  "  snapshot_id INTEGER NOT NULL REFERENCES trending_snapshots (id) ON DELETE CASCADE,"
  "  rank        INTEGER NOT NULL,"
  "  paper_pk    INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  PRIMARY KEY (snapshot_id, rank)"
  ") WITHOUT ROWID;"

  "CREATE TABLE count_history ("
  "  paper_pk     INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  observed_at  INTEGER NOT NULL,"
  "  upvotes      INTEGER,"
  "  comments     INTEGER,"
  "  github_stars INTEGER"
  ");"
  "CREATE INDEX count_history_by_paper ON count_history (paper_pk, observed_at);"

  /* Keyed by the paper id rather than the row, and written only by the
   * user's actions, so that no import or sync can lose a star. */
  "CREATE TABLE user_state ("
  "  paper_id   TEXT PRIMARY KEY,"
  "  starred    INTEGER NOT NULL DEFAULT 0,"
  "  starred_at INTEGER,"
  "  read       INTEGER NOT NULL DEFAULT 0,"
  "  read_at    INTEGER,"
  "  hidden     INTEGER NOT NULL DEFAULT 0,"
  "  hidden_at  INTEGER"
  ") WITHOUT ROWID;"
  "CREATE INDEX user_state_starred ON user_state (starred_at) WHERE starred = 1;"

  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  /* External content: the index holds no copy of the text. Title first and
   * weighted highest; see the rank configuration below. */
  "CREATE VIRTUAL TABLE papers_fts USING fts5 ("
  "  title, authors_text, abstract, ai_summary, keywords_text,"
  "  content = 'papers', content_rowid = 'pk',"
  "  tokenize = 'porter unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO papers_fts (papers_fts, rank) VALUES ('rank', 'bm25 (10.0, 4.0, 1.0, 2.0, 3.0)');"
  /* "PBPY": tells our files from other SQLite databases. */
  "PRAGMA application_id = 1346523225;";

/* 2: a record of every import, so that status can say where the data came
 * from and when. */
static const char migration_2[] =
  "CREATE TABLE imports ("
  "  id          INTEGER PRIMARY KEY,"
  "  source      TEXT NOT NULL,"
  "  kind        TEXT NOT NULL,"       /* file, snapshot */
  "  imported_at INTEGER NOT NULL,"
  "  n_items     INTEGER NOT NULL,"
  "  n_new       INTEGER NOT NULL,"
  "  n_updated   INTEGER NOT NULL,"
  "  n_skipped   INTEGER NOT NULL"
  ");";

/* 3: what the sync needs to be polite and to tell its story: a record of
 * every run (the scheduler derives its back-off from it), the validators of
 * each address for conditional requests, and the days fetched, empty ones
 * included, so that a weekend is known to be empty rather than missing. */
static const char migration_3[] =
  "CREATE TABLE sync_runs ("
  "  id             INTEGER PRIMARY KEY,"
  "  started_at     INTEGER NOT NULL,"
  "  finished_at    INTEGER,"
  "  outcome        TEXT NOT NULL,"          /* running, ok, partial, failed, cancelled, interrupted */
  "  trigger        TEXT NOT NULL,"          /* manual, scheduled, window */
  "  n_new          INTEGER NOT NULL DEFAULT 0,"
  "  n_updated      INTEGER NOT NULL DEFAULT 0,"
  "  n_requests     INTEGER NOT NULL DEFAULT 0,"
  "  n_not_modified INTEGER NOT NULL DEFAULT 0,"
  "  n_failed       INTEGER NOT NULL DEFAULT 0,"
  "  n_bytes        INTEGER NOT NULL DEFAULT 0,"
  "  error          TEXT,"                   /* the first failure, in the user's words */
  "  retry_at       INTEGER"                 /* the server asked for nothing before this */
  ");"
  "CREATE TABLE http_cache ("
  "  url           TEXT PRIMARY KEY,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  n_items       INTEGER NOT NULL,"
  "  stored_at     INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE fetched_days ("
  "  list_date  TEXT PRIMARY KEY,"
  "  fetched_at INTEGER NOT NULL,"
  "  n_papers   INTEGER NOT NULL"
  ") WITHOUT ROWID;";

/* 4: the daily digest. One row per digest day, claimed in a transaction
 * before anything is sent, so that two processes (or a restart) never send
 * the same day twice; the papers chosen for that day, frozen at the claim so
 * that retries send the same message; each recipient's delivery; and a log of
 * every attempt. The papers of digests that reached someone are the ledger
 * that keeps later digests from repeating them. */
static const char migration_4[] =
  "CREATE TABLE digests ("
  "  day             TEXT PRIMARY KEY,"        /* local date the digest is for */
  "  since_day       TEXT NOT NULL,"           /* first list date it covers */
  "  state           TEXT NOT NULL,"           /* sending, retry, sent, empty, failed */
  "  claimed_at      INTEGER NOT NULL,"
  "  lease_until     INTEGER NOT NULL DEFAULT 0,"  /* a sending claim older than this was lost */
  "  retry_until     INTEGER NOT NULL,"        /* end of the day of the claim */
  "  next_attempt_at INTEGER,"
  "  n_attempts      INTEGER NOT NULL DEFAULT 0,"
  "  delivered       INTEGER NOT NULL DEFAULT 0,"  /* 1 once any recipient has it */
  "  finished_at     INTEGER,"
  "  message         TEXT"                     /* the last failure, in words */
  ") WITHOUT ROWID;"
  "CREATE TABLE digest_papers ("
  "  day      TEXT NOT NULL REFERENCES digests (day) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  paper_id TEXT NOT NULL,"
  "  PRIMARY KEY (day, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX digest_papers_by_paper ON digest_papers (paper_id);"
  "CREATE TABLE digest_recipients ("
  "  day        TEXT NOT NULL REFERENCES digests (day) ON DELETE CASCADE,"
  "  address    TEXT NOT NULL,"
  "  message_id TEXT NOT NULL,"
  "  state      TEXT NOT NULL,"                /* pending, sent, rejected */
  "  sent_at    INTEGER,"
  "  PRIMARY KEY (day, address)"
  ") WITHOUT ROWID;"
  "CREATE TABLE digest_attempts ("
  "  id           INTEGER PRIMARY KEY,"
  "  started_at   INTEGER NOT NULL,"
  "  day          TEXT,"                       /* NULL for a digest sent by hand */
  "  kind         TEXT NOT NULL,"              /* scheduled, manual */
  "  result       TEXT NOT NULL,"              /* sent, partial, empty, failed */
  "  error_kind   TEXT,"                       /* connect, tls, auth, keyring, settings… */
  "  message      TEXT,"
  "  n_papers     INTEGER NOT NULL DEFAULT 0,"
  "  n_recipients INTEGER NOT NULL DEFAULT 0,"
  "  n_delivered  INTEGER NOT NULL DEFAULT 0"
  ");";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PB_STORE_SCHEMA_VERSION);

static int
read_user_version (PbStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* One migration in one transaction. Two processes may open a new database
 * at once: the version is read again under the write lock, so the second
 * one finds the work done. */
static gboolean
apply_next_migration (PbStore  *self,
                      int       target,
                      gboolean *done,
                      GError  **error)
{
  g_autofree char *set_version = NULL;
  int version;

  if (!_pb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  version = read_user_version (self);
  if (version < 0 || version >= target)
    {
      *done = TRUE;
      return _pb_store_exec (self, "COMMIT", error);
    }

  g_debug ("Migrating %s to schema version %d", self->path, version + 1);
  set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

  if (!_pb_store_exec (self, migrations[version], error) ||
      !_pb_store_exec (self, set_version, error) ||
      !_pb_store_exec (self, "COMMIT", error))
    {
      _pb_store_exec (self, "ROLLBACK", NULL);
      g_prefix_error (error, _("Cannot upgrade the database to version %d: "), version + 1);
      return FALSE;
    }

  return TRUE;
}

/**
 * _pb_store_migrate:
 * @target: the version to reach; tests pass an older one
 *
 * Brings the schema forward. A database written by a newer Paperboy is
 * refused before anything is written to it.
 */
gboolean
_pb_store_migrate (PbStore  *self,
                   int       target,
                   GError  **error)
{
  int version = read_user_version (self);
  gboolean done = FALSE;

  if (version < 0)
    return _pb_store_set_error (self, sqlite3_errcode (self->db), error,
                                N_("Cannot read the schema version"));

  if (version > PB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA,
                   _("%1$s was written by a newer version of Paperboy (schema %2$d; this "
                     "version knows up to %3$d). It was left unchanged; update Paperboy "
                     "to open it."), self->path, version, PB_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (!done && version < target)
    {
      if (!apply_next_migration (self, target, &done, error))
        return FALSE;
      version = read_user_version (self);
    }

  return TRUE;
}
