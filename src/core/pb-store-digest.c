/* pb-store-digest.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-search-query.h"
#include "pb-store-digest.h"
#include "pb-store-private.h"

/*
 * The digest's tables: storage only. Which day is due, when to retry and
 * what to send is decided in pb-digest-run.c, inside transactions that it
 * opens with pb_store_begin().
 */

static const char * const state_names[] = { "sending", "retry", "sent", "empty", "failed" };
static const char * const recipient_state_names[] = { "pending", "sent", "rejected" };

const char *
pb_digest_state_to_string (PbDigestState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

static guint
parse_name (const char         *text,
            const char * const *names,
            guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return i;

  return 0;
}

void
pb_digest_record_free (PbDigestRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->day);
  g_free (record->since_day);
  g_free (record->message);
  g_free (record);
}

void
pb_digest_recipient_free (PbDigestRecipient *recipient)
{
  if (recipient == NULL)
    return;

  g_free (recipient->address);
  g_free (recipient->message_id);
  g_free (recipient);
}

void
pb_digest_attempt_clear (PbDigestAttempt *attempt)
{
  g_clear_pointer (&attempt->day, g_free);
  g_clear_pointer (&attempt->kind, g_free);
  g_clear_pointer (&attempt->result, g_free);
  g_clear_pointer (&attempt->error_kind, g_free);
  g_clear_pointer (&attempt->message, g_free);
}

void
pb_digest_attempt_free (PbDigestAttempt *attempt)
{
  if (attempt == NULL)
    return;

  pb_digest_attempt_clear (attempt);
  g_free (attempt);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Each keyword is a search of its own (its words must all match); a paper
 * matching any of them qualifies. */
static char *
build_keywords_match (const char * const *keywords)
{
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    {
      g_autofree char *expr = pb_search_query_build (keywords[i], PB_SEARCH_QUERY_DEFAULT);

      if (expr == NULL)
        continue;
      if (match->len > 0)
        g_string_append (match, " OR ");
      g_string_append_printf (match, "(%s)", expr);
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/**
 * pb_store_select_digest_papers:
 *
 * The candidates of a digest: papers on a daily list between the two days,
 * with enough upvotes, matching a keyword if any is given, not hidden, and
 * not in a digest that already reached somebody. Most upvoted first.
 *
 * Returns: (transfer container) (element-type PbPaper): the papers, with
 *   their abstracts
 */
GPtrArray *
pb_store_select_digest_papers (PbStore              *self,
                               const PbDigestQuery  *query,
                               GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL && query->since_day != NULL && query->until_day != NULL,
                        NULL);

  /* Keywords that hold nothing searchable (only punctuation) match nothing,
   * rather than everything. */
  match = build_keywords_match (query->keywords);
  if (query->keywords != NULL && query->keywords[0] != NULL && match == NULL)
    return g_steal_pointer (&papers);

  g_string_append (sql,
                   "SELECT " PB_PAPER_COLUMNS ", p.abstract "
                   "FROM papers p LEFT JOIN user_state u ON u.paper_id = p.id "
                   "WHERE EXISTS (SELECT 1 FROM daily_lists d WHERE d.paper_pk = p.pk "
                   "              AND d.list_date BETWEEN ?1 AND ?2) "
                   "AND COALESCE (u.hidden, 0) = 0 "
                   "AND COALESCE (p.upvotes, 0) >= ?3 "
                   "AND NOT EXISTS (SELECT 1 FROM digest_papers dp "
                   "                JOIN digests g ON g.day = dp.day "
                   "                WHERE dp.paper_id = p.id AND g.delivered = 1) ");
  if (match != NULL)
    g_string_append (sql, "AND p.pk IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?4) ");
  g_string_append (sql, "ORDER BY COALESCE (p.upvotes, 0) DESC, p.pk DESC LIMIT ?5");

  stmt = _pb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, query->since_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->until_day, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, query->min_upvotes);
  if (match != NULL)
    sqlite3_bind_text (stmt, 4, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, query->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbPaper *paper = _pb_store_read_paper_row (stmt, 0);

      paper->abstract = dup_text (stmt, PB_PAPER_N_COLUMNS);
      g_ptr_array_add (papers, paper);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot choose the digest's papers")), NULL;

  return g_steal_pointer (&papers);
}

/**
 * pb_store_get_digest:
 *
 * Returns: (transfer full) (nullable): the digest of @day, or %NULL when
 *   there is none (also without error)
 */
PbDigestRecord *
pb_store_get_digest (PbStore     *self,
                     const char  *day,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PbDigestRecord *record;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT since_day, state, claimed_at, lease_until, retry_until, "
                            "next_attempt_at, n_attempts, delivered, finished_at, message "
                            "FROM digests WHERE day = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the digest")), NULL;

  record = g_new0 (PbDigestRecord, 1);
  record->day = g_strdup (day);
  record->since_day = dup_text (stmt, 0);
  record->state = parse_name ((const char *)sqlite3_column_text (stmt, 1),
                              state_names, G_N_ELEMENTS (state_names));
  record->claimed_at = sqlite3_column_int64 (stmt, 2);
  record->lease_until = sqlite3_column_int64 (stmt, 3);
  record->retry_until = sqlite3_column_int64 (stmt, 4);
  record->next_attempt_at = sqlite3_column_int64 (stmt, 5);
  record->n_attempts = sqlite3_column_int (stmt, 6);
  record->delivered = sqlite3_column_int (stmt, 7) != 0;
  record->finished_at = sqlite3_column_int64 (stmt, 8);
  record->message = dup_text (stmt, 9);

  return record;
}

/**
 * pb_store_dup_last_delivered_day:
 * @before_day: (nullable): only days before this one
 *
 * Returns: (transfer full) (nullable): the latest day whose digest reached
 *   somebody, or %NULL when none did (also without error)
 */
char *
pb_store_dup_last_delivered_day (PbStore     *self,
                                 const char  *before_day,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT max (day) FROM digests WHERE delivered = 1 "
                            "AND (?1 IS NULL OR day < ?1)",
                            error);
  if (stmt == NULL)
    return NULL;

  _pb_store_bind_text (stmt, 1, before_day);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return dup_text (stmt, 0);
  if (rc != SQLITE_DONE)
    _pb_store_set_error (self, rc, error, N_("Cannot read the digests"));

  return NULL;
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * pb_store_save_digest:
 *
 * Inserts or replaces the row of `record->day`. Claims are made by calling
 * this inside a transaction opened with pb_store_begin(), after reading the
 * row again under the write lock.
 */
gboolean
pb_store_save_digest (PbStore              *self,
                      const PbDigestRecord *record,
                      GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL && record->day != NULL && record->since_day != NULL,
                        FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT INTO digests (day, since_day, state, claimed_at, lease_until, "
                            "retry_until, next_attempt_at, n_attempts, delivered, finished_at, "
                            "message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                            "ON CONFLICT (day) DO UPDATE SET since_day = excluded.since_day, "
                            "state = excluded.state, claimed_at = excluded.claimed_at, "
                            "lease_until = excluded.lease_until, "
                            "retry_until = excluded.retry_until, "
                            "next_attempt_at = excluded.next_attempt_at, "
                            "n_attempts = excluded.n_attempts, delivered = excluded.delivered, "
                            "finished_at = excluded.finished_at, message = excluded.message",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, record->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->since_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pb_digest_state_to_string (record->state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, record->claimed_at);
  sqlite3_bind_int64 (stmt, 5, record->lease_until);
  sqlite3_bind_int64 (stmt, 6, record->retry_until);
  bind_time (stmt, 7, record->next_attempt_at);
  sqlite3_bind_int (stmt, 8, record->n_attempts);
  sqlite3_bind_int (stmt, 9, record->delivered ? 1 : 0);
  bind_time (stmt, 10, record->finished_at);
  _pb_store_bind_text (stmt, 11, record->message);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the digest"));
}

/**
 * pb_store_set_digest_papers:
 * @papers: (element-type PbPaper): in the order of the digest
 *
 * Freezes the papers of the digest of @day, so that every attempt at it
 * sends the same message.
 */
gboolean
pb_store_set_digest_papers (PbStore     *self,
                            const char  *day,
                            GPtrArray   *papers,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (day != NULL && papers != NULL, FALSE);

  clear = _pb_store_prepare (self, "DELETE FROM digest_papers WHERE day = ?1", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_text (clear, 1, day, -1, SQLITE_STATIC);
  if (!_pb_store_step_done (self, clear, error, N_("Cannot save the digest's papers")))
    return FALSE;

  insert = _pb_store_prepare (self,
                              "INSERT INTO digest_papers (day, position, paper_id) "
                              "VALUES (?1, ?2, ?3)",
                              error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < papers->len; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, day, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_text (insert, 3, pb_paper_get_id (g_ptr_array_index (papers, i)), -1,
                         SQLITE_STATIC);
      if (!_pb_store_step_done (self, insert, error, N_("Cannot save the digest's papers")))
        return FALSE;
    }

  return TRUE;
}

/**
 * pb_store_dup_digest_papers:
 *
 * Returns: (transfer container) (element-type PbPaper): the papers frozen
 *   for the digest of @day, in order, with their abstracts
 */
GPtrArray *
pb_store_dup_digest_papers (PbStore     *self,
                            const char  *day,
                            GError     **error)
{
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT " PB_PAPER_COLUMNS ", p.abstract FROM digest_papers dp "
                            "JOIN papers p ON p.id = dp.paper_id "
                            "LEFT JOIN user_state u ON u.paper_id = p.id "
                            "WHERE dp.day = ?1 ORDER BY dp.position",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbPaper *paper = _pb_store_read_paper_row (stmt, 0);

      paper->abstract = dup_text (stmt, PB_PAPER_N_COLUMNS);
      g_ptr_array_add (papers, paper);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the digest's papers")), NULL;

  return g_steal_pointer (&papers);
}

gboolean
pb_store_save_digest_recipient (PbStore                 *self,
                                const char              *day,
                                const PbDigestRecipient *recipient,
                                GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (day != NULL && recipient != NULL, FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT INTO digest_recipients (day, address, message_id, state, "
                            "sent_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                            "ON CONFLICT (day, address) DO UPDATE SET "
                            "message_id = excluded.message_id, state = excluded.state, "
                            "sent_at = excluded.sent_at",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recipient->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, recipient->message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, recipient_state_names[recipient->state], -1, SQLITE_STATIC);
  bind_time (stmt, 5, recipient->sent_at);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save a delivery of the digest"));
}

/**
 * pb_store_list_digest_recipients:
 *
 * Returns: (transfer container) (element-type PbDigestRecipient): who the
 *   digest of @day went to, or was meant to
 */
GPtrArray *
pb_store_list_digest_recipients (PbStore     *self,
                                 const char  *day,
                                 GError     **error)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT address, message_id, state, sent_at FROM digest_recipients "
                            "WHERE day = ?1 ORDER BY address",
                            error);
  if (stmt == NULL)
    return NULL;

  recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_digest_recipient_free);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbDigestRecipient *recipient = g_new0 (PbDigestRecipient, 1);

      recipient->address = dup_text (stmt, 0);
      recipient->message_id = dup_text (stmt, 1);
      recipient->state = parse_name ((const char *)sqlite3_column_text (stmt, 2),
                                     recipient_state_names,
                                     G_N_ELEMENTS (recipient_state_names));
      recipient->sent_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (recipients, recipient);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the digest's deliveries")), NULL;

  return g_steal_pointer (&recipients);
}

gboolean
pb_store_log_digest_attempt (PbStore               *self,
                             const PbDigestAttempt *attempt,
                             GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (attempt != NULL && attempt->kind != NULL && attempt->result != NULL,
                        FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT INTO digest_attempts (started_at, day, kind, result, "
                            "error_kind, message, n_papers, n_recipients, n_delivered) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attempt->started_at);
  _pb_store_bind_text (stmt, 2, attempt->day);
  sqlite3_bind_text (stmt, 3, attempt->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, attempt->result, -1, SQLITE_STATIC);
  _pb_store_bind_text (stmt, 5, attempt->error_kind);
  _pb_store_bind_text (stmt, 6, attempt->message);
  sqlite3_bind_int (stmt, 7, attempt->n_papers);
  sqlite3_bind_int (stmt, 8, attempt->n_recipients);
  sqlite3_bind_int (stmt, 9, attempt->n_delivered);

  return _pb_store_step_done (self, stmt, error, N_("Cannot record the digest attempt"));
}

/**
 * pb_store_list_digest_attempts:
 * @limit: the most attempts to return
 *
 * Returns: (transfer container) (element-type PbDigestAttempt): the latest
 *   attempts, newest first
 */
GPtrArray *
pb_store_list_digest_attempts (PbStore  *self,
                               guint     limit,
                               GError  **error)
{
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT started_at, day, kind, result, error_kind, message, n_papers, "
                            "n_recipients, n_delivered FROM digest_attempts "
                            "ORDER BY id DESC LIMIT ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_digest_attempt_free);
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbDigestAttempt *attempt = g_new0 (PbDigestAttempt, 1);

      attempt->started_at = sqlite3_column_int64 (stmt, 0);
      attempt->day = dup_text (stmt, 1);
      attempt->kind = dup_text (stmt, 2);
      attempt->result = dup_text (stmt, 3);
      attempt->error_kind = dup_text (stmt, 4);
      attempt->message = dup_text (stmt, 5);
      attempt->n_papers = sqlite3_column_int (stmt, 6);
      attempt->n_recipients = sqlite3_column_int (stmt, 7);
      attempt->n_delivered = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (attempts, attempt);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the digest log")), NULL;

  return g_steal_pointer (&attempts);
}
