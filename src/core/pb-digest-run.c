/* pb-digest-run.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-digest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-digest-private.h"
#include "pb-secrets.h"
#include "pb-store-digest.h"
#include "pb-text.h"

/*
 * The daily schedule of the digest; the delivering itself, shared with
 * sending by hand, is in pb-digest-send.c.
 *
 * The schedule. A "digest day" is any day, or Monday to Friday with
 * digest-weekdays-only. The digest of a digest day is due from digest-time
 * on. A run (the service's tick, or `paperboy-cli digest run-due`) looks at
 * the clock it is given and the digests table:
 *
 *  - On a digest day, before digest-time, nothing is due: a day missed
 *    before (the computer was off or asleep) is caught up by today's digest,
 *    which covers every paper since the last one that went out. So nobody
 *    gets two digests on one day.
 *  - On any other day (a weekend), the most recent digest day is caught up
 *    if its digest never went out, once, and only if the digest was already
 *    on at its time (someone who turns the digest on on a Saturday does not
 *    get Friday's at once).
 *
 * The claim. The day is claimed in one transaction (BEGIN IMMEDIATE: one
 * writer at a time) that reads the day's row again under the lock, chooses
 * the papers and freezes them, and marks the day "sending" with a lease.
 * A second process finds the claim and does nothing; a claim whose lease ran
 * out belongs to a process that died, and is taken over. Every attempt at a
 * day sends the frozen papers under the same Message-ID per recipient, so a
 * re-send after a crash is recognisably the same message; recipients that
 * got it are recorded one by one and never get it twice from us.
 *
 * Failures. Each attempt is logged. A temporary failure (no network, server
 * down, TLS trouble that a network change may fix, a locked or missing
 * keyring, a 4xx reply) is retried with growing delays until the end of the
 * day of the claim; then the day is given up and its papers wait for the
 * next digest. A failure that only the user can fix (the server refused the
 * password, no password stored, the sender refused) pauses the digest: the
 * settings and the keyring item's change time (and, since that has only a
 * resolution of seconds, a stamp that Paperboy's own password dialogs set)
 * are remembered as a fingerprint, and nothing is tried again until either
 * changes. No retry storm, no locked account.
 */

#define MAX_ATTEMPTS_PER_DAY 8
#define META_ENABLED_SINCE   "digest-enabled-since"
#define META_BLOCKED         "digest-blocked"
#define META_BLOCKED_MESSAGE "digest-blocked-message"
#define META_PASSWORD_STAMP  "digest-password-changed"

static const guint backoff_minutes[] = { 5, 15, 30, 60, 120 };
/* Days and times */

static gboolean
is_digest_day (const PbDigestConfig *config,
               const char           *day)
{
  GDate date;

  if (!config->weekdays_only)
    return TRUE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, atoi (day + 8), atoi (day + 5), atoi (day));
  return g_date_get_weekday (&date) <= G_DATE_FRIDAY;
}

/* The moment the digest of @day is due, in the time zone of @now. */
static gint64
slot_of (PbDigestRun *run,
         const char  *day)
{
  g_autoptr(GDateTime) slot = NULL;
  int hour = 8, minute = 0;

  pb_digest_parse_time (run->config->time, &hour, &minute);
  slot = g_date_time_new (g_date_time_get_timezone (run->now),
                          atoi (day), atoi (day + 5), atoi (day + 8), hour, minute, 0);

  return slot ? g_date_time_to_unix (slot) : G_MAXINT64;
}

static gint64
end_of_today (PbDigestRun *run)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  midnight = g_date_time_new (g_date_time_get_timezone (run->now),
                              g_date_time_get_year (run->now), g_date_time_get_month (run->now),
                              g_date_time_get_day_of_month (run->now), 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next);
}

static gint64
next_slot_after_today (PbDigestRun *run)
{
  for (int i = 1; i <= 7; i++)
    {
      g_autofree char *day = pb_text_date_add_days (run->today, i);

      if (is_digest_day (run->config, day))
        return slot_of (run, day);
    }

  return 0;
}

static char *
format_time (PbDigestRun *run,
             gint64       unix_time)
{
  g_autoptr(GDateTime) moment = g_date_time_add_seconds (run->now,
                                                         (double)(unix_time - run->now_unix));
  g_autofree char *day = g_date_time_format (moment, "%Y-%m-%d");

  if (g_strcmp0 (day, run->today) == 0)
    /* Translators: a time of today, as g_date_time_format() writes it */
    return g_date_time_format (moment, _("%H:%M"));

  /* Translators: a day and time as g_date_time_format() writes them:
   * "Friday 21 August at 09:05" */
  return g_date_time_format (moment, _("%A %-d %B at %H:%M"));
}

static gint64
get_enabled_since (PbDigestRun *run)
{
  g_autofree char *since = pb_store_dup_meta (run->store, META_ENABLED_SINCE);

  return since ? g_ascii_strtoll (since, NULL, 10) : 0;
}

/* The service ticks at least hourly, so the first tick that sees the digest
 * on tells, to within an hour, since when it is on. */
static gboolean
track_enabled (PbDigestRun  *run,
               gboolean      enabled,
               GError      **error)
{
  g_autofree char *since = pb_store_dup_meta (run->store, META_ENABLED_SINCE);
  g_autofree char *now = NULL;

  if (!enabled)
    return since == NULL || pb_store_set_meta (run->store, META_ENABLED_SINCE, NULL, error);
  if (since != NULL)
    return TRUE;

  now = g_strdup_printf ("%" G_GINT64_FORMAT, run->now_unix);
  return pb_store_set_meta (run->store, META_ENABLED_SINCE, now, error);
}

/* Which digest day, if any, is due now; see the top of the file. */
static char *
find_due_day (PbDigestRun *run)
{
  g_autofree char *previous = NULL;
  gint64 slot;

  if (is_digest_day (run->config, run->today))
    {
      slot = slot_of (run, run->today);
      if (run->now_unix >= slot)
        return g_strdup (run->today);

      run->report->next_check = slot;
      return NULL;
    }

  for (int i = 1; i <= 7 && previous == NULL; i++)
    {
      g_autofree char *day = pb_text_date_add_days (run->today, -i);

      if (is_digest_day (run->config, day))
        previous = g_steal_pointer (&day);
    }

  run->report->next_check = next_slot_after_today (run);
  if (previous == NULL || slot_of (run, previous) < get_enabled_since (run))
    return NULL;

  return g_steal_pointer (&previous);
}

typedef enum
{
  DECISION_WAIT,
  DECISION_CLAIM,
  DECISION_EXPIRE,
} Decision;

static Decision
decide (PbDigestRun          *run,
        const PbDigestRecord *record)
{
  if (record == NULL)
    return DECISION_CLAIM;

  switch (record->state)
    {
    case PB_DIGEST_STATE_SENDING:
      if (run->now_unix < record->lease_until)
        {
          run->report->next_check = record->lease_until;
          return DECISION_WAIT;
        }
      g_debug ("The claim on the digest of %s ran out; taking it over", record->day);
      return DECISION_CLAIM;

    case PB_DIGEST_STATE_RETRY:
      if (run->now_unix >= record->retry_until)
        {
          run->report->next_check = next_slot_after_today (run);
          return DECISION_EXPIRE;
        }
      if (run->now_unix < record->next_attempt_at)
        {
          run->report->next_check = record->next_attempt_at;
          return DECISION_WAIT;
        }
      return DECISION_CLAIM;

    case PB_DIGEST_STATE_SENT:
    case PB_DIGEST_STATE_EMPTY:
    case PB_DIGEST_STATE_FAILED:
    default:
      run->report->next_check = next_slot_after_today (run);
      return DECISION_WAIT;
    }
}

static char *
describe_wait (PbDigestRun          *run,
               const char           *date,
               const PbDigestRecord *record)
{
  g_autofree char *day = pb_text_format_day (date);
  g_autofree char *when = NULL;

  if (record == NULL || record->state == PB_DIGEST_STATE_SENT ||
      record->state == PB_DIGEST_STATE_EMPTY || record->state == PB_DIGEST_STATE_FAILED)
    {
      if (run->report->next_check <= 0)
        return g_strdup (_("No digest is due"));
      when = format_time (run, run->report->next_check);
      if (record != NULL && record->state == PB_DIGEST_STATE_FAILED)
        /* Translators: a day ("20 August 2026"), then a time: "09:00", or
         * a day and time ("Friday 21 August at 09:00") */
        return g_strdup_printf (_("The digest of %1$s failed; the next one is due %2$s"), day, when);
      if (record != NULL)
        /* Translators: a day ("20 August 2026"), then a time: "09:00", or
         * a day and time ("Friday 21 August at 09:00") */
        return g_strdup_printf (_("The digest of %1$s is done; the next one is due %2$s"), day, when);
      /* Translators: a time ("09:00"), or a day and time ("Friday 21 August
       * at 09:00") */
      return g_strdup_printf (_("The next digest is due %s"), when);
    }

  when = format_time (run, run->report->next_check);
  if (record->state == PB_DIGEST_STATE_SENDING)
    /* Translators: %s is a day, such as "20 August 2026" */
    return g_strdup_printf (_("Another Paperboy process is sending the digest of %s"), day);

  /* Translators: a day ("20 August 2026"), why the digest failed, then a
   * time: "09:05", or a day and time ("Friday 21 August at 09:05") */
  return g_strdup_printf (_("The digest of %1$s failed (%2$s); trying again at %3$s"),
                          day, record->message ? record->message : "", when);
}

/* The fingerprint of what a blocking failure depends on: the account
 * settings and when the password last changed. Not the password. */
static char *
dup_fingerprint (PbDigestRun *run)
{
  const PbDigestConfig *config = run->config;
  g_autofree char *stamp = pb_store_dup_meta (run->store, META_PASSWORD_STAMP);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("1\n%s\n%u\n%d\n%s\n%s\n%s\n%" G_GUINT64_FORMAT "\n%s",
                          config->host, config->port, config->security,
                          config->username ? config->username : "",
                          config->ca_file ? config->ca_file : "",
                          pb_digest_config_get_sender (config),
                          run->secret ? run->secret->modified : 0,
                          stamp ? stamp : "");

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

gboolean
_pb_digest_set_blocked (PbDigestRun  *run,
                        const char   *message,
                        GError      **error)
{
  g_autofree char *fingerprint = dup_fingerprint (run);

  return pb_store_set_meta (run->store, META_BLOCKED, fingerprint, error) &&
         pb_store_set_meta (run->store, META_BLOCKED_MESSAGE, message, error);
}

gboolean
_pb_digest_clear_blocked (PbDigestRun  *run,
                          GError      **error)
{
  g_autofree char *blocked = pb_store_dup_meta (run->store, META_BLOCKED);

  if (blocked == NULL)
    return TRUE;

  g_debug ("The account settings or the password changed: the digest is no longer paused");
  return pb_store_set_meta (run->store, META_BLOCKED, NULL, error) &&
         pb_store_set_meta (run->store, META_BLOCKED_MESSAGE, NULL, error);
}

/* Sets @reason when an earlier failure blocks sending with the same
 * settings and password; lifts the block when they changed. */
static gboolean
check_block (PbDigestRun  *run,
             char        **reason,
             GError      **error)
{
  g_autofree char *blocked = pb_store_dup_meta (run->store, META_BLOCKED);
  g_autofree char *fingerprint = NULL;
  g_autofree char *message = NULL;

  *reason = NULL;
  if (blocked == NULL)
    return TRUE;

  /* A keyring that cannot answer cannot tell whether the password changed. */
  fingerprint = dup_fingerprint (run);
  if (g_strcmp0 (blocked, fingerprint) != 0 &&
      (run->secret_error == NULL ||
       g_error_matches (run->secret_error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND)))
    return _pb_digest_clear_blocked (run, error);

  message = pb_store_dup_meta (run->store, META_BLOCKED_MESSAGE);
  *reason = g_strdup_printf (_("%s The digest is paused until the password or the account "
                               "settings change."), message ? message : "");
  return TRUE;
}
/* Claiming */

static gboolean
freeze_papers (PbDigestRun     *run,
               PbDigestRecord  *record,
               GError         **error)
{
  g_autoptr(PbDigest) digest = pb_digest_select (run->store, run->config, record->day, error);

  if (digest == NULL)
    return FALSE;

  /* The row first: the papers refer to it. */
  record->since_day = g_strdup (pb_digest_get_since_day (digest));
  return pb_store_save_digest (run->store, record, error) &&
         pb_store_set_digest_papers (run->store, record->day, pb_digest_get_papers (digest),
                                     error);
}

static gint64
lease_seconds (PbDigestRun *run)
{
  guint n = run->config->recipients ? g_strv_length (run->config->recipients) : 1;

  /* Longer than the mailer can take for every recipient. */
  return 60 + (gint64)MAX (n, 1) * 150;
}

/* Returns the claimed record, or %NULL when the day is not (any more) to be
 * claimed by this process, also without error. */
static PbDigestRecord *
claim_day (PbDigestRun  *run,
           const char   *day,
           GError      **error)
{
  g_autoptr(PbDigestRecord) record = NULL;
  GError *local_error = NULL;
  Decision decision;

  if (!pb_store_begin (run->store, FALSE, error))
    return NULL;

  record = pb_store_get_digest (run->store, day, &local_error);
  if (local_error != NULL)
    goto fail;

  decision = decide (run, record);
  if (decision == DECISION_EXPIRE)
    {
      record->state = PB_DIGEST_STATE_FAILED;
      record->finished_at = run->now_unix;
      if (!pb_store_save_digest (run->store, record, &local_error))
        goto fail;
    }
  if (decision != DECISION_CLAIM)
    {
      if (!pb_store_commit (run->store, error))
        return NULL;
      g_debug ("The digest of %s is not to be claimed now", day);
      return NULL;
    }

  if (record == NULL)
    {
      record = g_new0 (PbDigestRecord, 1);
      record->day = g_strdup (day);
      record->claimed_at = run->now_unix;
      record->retry_until = end_of_today (run);
      record->state = PB_DIGEST_STATE_SENDING;
      if (!freeze_papers (run, record, &local_error))
        goto fail;
    }

  record->state = PB_DIGEST_STATE_SENDING;
  record->lease_until = run->now_unix + lease_seconds (run);
  record->n_attempts++;
  if (!pb_store_save_digest (run->store, record, &local_error) ||
      !pb_store_commit (run->store, error))
    goto fail;

  g_debug ("Claimed the digest of %s (attempt %u)", day, record->n_attempts);
  return g_steal_pointer (&record);

fail:
  if (local_error != NULL)
    {
      pb_store_rollback (run->store);
      g_propagate_error (error, local_error);
    }
  return NULL;
}

typedef struct
{
  PbDigestOutcome  outcome;
  char            *message;
  const char      *result;    /* for the log */
} Verdict;

static void
verdict_for_failure (PbDigestRun    *run,
                     PbDigestRecord *record,
                     const GError   *failure,
                     Verdict        *verdict)
{
  g_autofree char *words = _pb_digest_dup_failure_message (failure);
  guint step = MIN (record->n_attempts, G_N_ELEMENTS (backoff_minutes)) - 1;
  gint64 next = run->now_unix + 60 * (gint64)backoff_minutes[step];

  record->message = g_strdup (words);

  if (_pb_digest_error_is_blocking (failure))
    {
      /* Tried again as soon as the settings or the password change. */
      record->state = PB_DIGEST_STATE_RETRY;
      record->next_attempt_at = run->now_unix;
      verdict->outcome = PB_DIGEST_OUTCOME_FAILED;
      verdict->message = g_strdup_printf (_("%s The digest is paused until the password or the "
                                            "account settings change."), words);
    }
  else if (_pb_digest_error_is_temporary (failure) && record->n_attempts < MAX_ATTEMPTS_PER_DAY &&
           next < record->retry_until)
    {
      g_autofree char *when = format_time (run, next);

      record->state = PB_DIGEST_STATE_RETRY;
      record->next_attempt_at = next;
      run->report->next_check = next;
      verdict->outcome = PB_DIGEST_OUTCOME_RETRY;
      verdict->message = g_strdup_printf (_("%1$s Trying again at %2$s."), words, when);
    }
  else
    {
      record->state = PB_DIGEST_STATE_FAILED;
      record->finished_at = run->now_unix;
      verdict->outcome = PB_DIGEST_OUTCOME_FAILED;
      verdict->message = g_strdup_printf (_("%s Gave up for today; the papers go into the next "
                                            "digest."), words);
    }
}

static void
verdict_for_delivery (PbDigestRun    *run,
                      PbDigestRecord *record,
                      PbDelivery     *delivery,
                      Verdict        *verdict)
{
  g_autofree char *day = pb_text_format_day (record->day);

  record->state = delivery->n_delivered > 0 ? PB_DIGEST_STATE_SENT : PB_DIGEST_STATE_FAILED;
  record->finished_at = run->now_unix;
  verdict->result = delivery->n_rejected > 0 ? (delivery->n_delivered > 0 ? "partial" : "failed")
                                             : "sent";
  verdict->outcome = delivery->n_delivered > 0 ? PB_DIGEST_OUTCOME_SENT
                                               : PB_DIGEST_OUTCOME_FAILED;

  if (delivery->rejection != NULL)
    {
      record->message = g_strdup (delivery->rejection->message);
      verdict->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: a day ("20 August
                                                        * 2026"), how many got it, to how
                                                        * many it went, then why the others
                                                        * did not get it */
                                                       "Sent the digest of %1$s to %2$u of %3$u "
                                                       "recipient. %4$s",
                                                       "Sent the digest of %1$s to %2$u of %3$u "
                                                       "recipients. %4$s",
                                                       delivery->n_recipients),
                                          day, delivery->n_delivered,
                                          delivery->n_recipients, delivery->rejection->message);
    }
  else
    verdict->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     /* Translators: a day ("20 August
                                                      * 2026"), then to how many it went */
                                                     "Sent the digest of %1$s to %2$u recipient",
                                                     "Sent the digest of %1$s to %2$u recipients",
                                                     delivery->n_delivered),
                                        day, delivery->n_delivered);
}

/* Records how the attempt ended: the day's row, the block, the log. */
static gboolean
conclude (PbDigestRun     *run,
          PbDigestRecord  *record,
          guint            n_papers,
          PbDelivery      *delivery,
          const GError    *failure,
          GError         **error)
{
  g_auto(PbDigestAttempt) attempt = { 0, };
  Verdict verdict = { PB_DIGEST_OUTCOME_FAILED, NULL, "failed" };

  g_clear_pointer (&record->message, g_free);
  record->lease_until = 0;
  record->delivered = record->delivered || delivery->n_delivered > 0;

  if (failure != NULL)
    verdict_for_failure (run, record, failure, &verdict);
  else
    verdict_for_delivery (run, record, delivery, &verdict);

  if (failure != NULL && delivery->n_delivered > 0)
    verdict.result = "partial";

  attempt.started_at = run->now_unix;
  attempt.day = g_strdup (record->day);
  attempt.kind = g_strdup ("scheduled");
  attempt.result = g_strdup (verdict.result);
  attempt.error_kind = g_strdup (_pb_digest_error_kind (failure ? failure : delivery->rejection));
  attempt.message = g_strdup (verdict.message);
  attempt.n_papers = n_papers;
  attempt.n_recipients = delivery->n_recipients;
  attempt.n_delivered = delivery->n_delivered;

  _pb_digest_run_report (run, verdict.outcome, record->day, verdict.message);
  run->report->n_papers = n_papers;
  run->report->n_delivered = delivery->n_delivered;
  g_free (verdict.message);

  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;
  if (!pb_store_save_digest (run->store, record, error) ||
      !pb_store_log_digest_attempt (run->store, &attempt, error) ||
      (failure != NULL && _pb_digest_error_is_blocking (failure) && !_pb_digest_set_blocked (run, record->message, error)) ||
      (failure == NULL && !_pb_digest_clear_blocked (run, error)))
    {
      pb_store_rollback (run->store);
      return FALSE;
    }

  return pb_store_commit (run->store, error);
}

static gboolean
conclude_empty (PbDigestRun     *run,
                PbDigestRecord  *record,
                GError         **error)
{
  g_auto(PbDigestAttempt) attempt = { 0, };
  const char *message = _("No new papers since the last digest; nothing was sent.");

  record->state = PB_DIGEST_STATE_EMPTY;
  record->lease_until = 0;
  record->finished_at = run->now_unix;
  g_clear_pointer (&record->message, g_free);

  attempt.started_at = run->now_unix;
  attempt.day = g_strdup (record->day);
  attempt.kind = g_strdup ("scheduled");
  attempt.result = g_strdup ("empty");
  attempt.message = g_strdup (message);

  _pb_digest_run_report (run, PB_DIGEST_OUTCOME_EMPTY, record->day, message);

  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;
  if (!pb_store_save_digest (run->store, record, error) ||
      !pb_store_log_digest_attempt (run->store, &attempt, error))
    {
      pb_store_rollback (run->store);
      return FALSE;
    }

  return pb_store_commit (run->store, error);
}

/* One attempt at a claimed day. */
static gboolean
attempt_day (PbDigestRun     *run,
             PbDigestRecord  *record,
             GError         **error)
{
  g_autoptr(GPtrArray) papers = NULL;
  g_autoptr(PbDigest) digest = NULL;
  g_auto(PbDelivery) delivery = { 0, };

  papers = pb_store_dup_digest_papers (run->store, record->day, error);
  if (papers == NULL)
    return FALSE;
  digest = pb_digest_new (record->day, record->since_day, papers, run->config);

  if (run->secret_error != NULL)
    return conclude (run, record, papers->len, &delivery, run->secret_error, error);

  if (papers->len == 0 && run->config->skip_empty)
    return conclude_empty (run, record, error);

  if (!_pb_digest_deliver (run, digest, (const char * const *)run->config->recipients, TRUE, &delivery,
                error))
    return FALSE;

  return conclude (run, record, papers->len, &delivery, delivery.error, error);
}

static gboolean
report_failure (PbDigestRun  *run,
                GError      **error)
{
  PbDigestOutcome outcome = run->report->outcome;

  if (outcome != PB_DIGEST_OUTCOME_RETRY && outcome != PB_DIGEST_OUTCOME_FAILED)
    return TRUE;

  g_set_error_literal (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_FAILED, run->report->message);
  return FALSE;
}

gboolean
_pb_digest_run_due_full (PbStore               *store,
                         const PbDigestConfig  *config,
                         GDateTime             *now,
                         PbMailer              *mailer,
                         GCancellable          *cancellable,
                         PbDigestReport       **report,
                         GError               **error)
{
  g_auto(PbDigestRun) run = { 0, };
  g_autoptr(PbDigestRecord) record = NULL;
  g_autoptr(PbDigestRecord) claimed = NULL;
  g_autofree char *day = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *message = NULL;
  GError *local_error = NULL;
  Decision decision;

  _pb_digest_run_init (&run, store, config, now, mailer, cancellable);

  if (!track_enabled (&run, config->enabled, error))
    return FALSE;
  if (!config->enabled)
    {
      _pb_digest_run_report (&run, PB_DIGEST_OUTCOME_NOT_DUE, NULL, _("The digest is off"));
      return _pb_digest_run_finish (&run, report, TRUE);
    }

  day = find_due_day (&run);
  if (day != NULL)
    record = pb_store_get_digest (store, day, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  decision = day != NULL ? decide (&run, record) : DECISION_WAIT;
  if (decision == DECISION_EXPIRE)
    {
      /* Marks the day failed, under the lock. */
      g_clear_pointer (&record, pb_digest_record_free);
      if (claim_day (&run, day, &local_error) == NULL && local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      record = pb_store_get_digest (store, day, NULL);
      decision = DECISION_WAIT;
    }
  if (decision != DECISION_CLAIM)
    {
      message = describe_wait (&run, day, record);
      _pb_digest_run_report (&run, PB_DIGEST_OUTCOME_NOT_DUE, day, message);
      return _pb_digest_run_finish (&run, report, TRUE);
    }

  if (!pb_digest_config_check (config, &local_error))
    {
      message = g_strdup_printf (_("The digest is paused: %s."), local_error->message);
      g_clear_error (&local_error);
      _pb_digest_run_report (&run, PB_DIGEST_OUTCOME_PAUSED, day, message);
      return _pb_digest_run_finish (&run, report, TRUE);
    }

  _pb_digest_run_look_up_password (&run, PB_SECRETS_LOOKUP_DEFAULT);
  if (!check_block (&run, &blocked, error))
    return FALSE;
  if (blocked != NULL)
    {
      _pb_digest_run_report (&run, PB_DIGEST_OUTCOME_PAUSED, day, blocked);
      return _pb_digest_run_finish (&run, report, TRUE);
    }

  claimed = claim_day (&run, day, &local_error);
  if (claimed == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      message = describe_wait (&run, day, record);
      _pb_digest_run_report (&run, PB_DIGEST_OUTCOME_NOT_DUE, day, message);
      return _pb_digest_run_finish (&run, report, TRUE);
    }

  run.day = g_strdup (day);
  if (!attempt_day (&run, claimed, error))
    return _pb_digest_run_finish (&run, report, FALSE);

  return _pb_digest_run_finish (&run, report, report_failure (&run, error));
}

/**
 * pb_digest_run_due:
 * @settings: of the schema io.github.paperboy.Paperboy
 * @now: the current local time; tests pass another clock
 * @report: (out) (optional) (transfer full): what the run did, also when it
 *   fails
 *
 * Sends the digest if it is due: what the background service calls on each
 * tick. Blocks while sending. See the top of pb-digest-run.c for the rules.
 *
 * Returns: %FALSE with @error set when an attempt to send failed (the report
 *   says whether it will be retried) or the database failed; %TRUE
 *   otherwise, also when nothing was due or the digest is paused
 */
gboolean
pb_digest_run_due (PbStore         *store,
                   GSettings       *settings,
                   GDateTime       *now,
                   GCancellable    *cancellable,
                   PbDigestReport **report,
                   GError         **error)
{
  g_autoptr(PbDigestConfig) config = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  config = pb_digest_config_new_from_settings (settings);
  return _pb_digest_run_due_full (store, config, now, NULL, cancellable, report, error);
}

/**
 * pb_digest_dup_pause_message:
 *
 * Returns: (transfer full) (nullable): why the digest is paused until the
 *   password or the account settings change, or %NULL when it is not
 */
char *
pb_digest_dup_pause_message (PbStore *store)
{
  g_autofree char *blocked = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  blocked = pb_store_dup_meta (store, META_BLOCKED);
  if (blocked == NULL)
    return NULL;

  return pb_store_dup_meta (store, META_BLOCKED_MESSAGE);
}

/**
 * pb_digest_note_password_changed:
 *
 * Tells the digest that the password in the keyring was just changed or
 * removed, so that a digest paused because the server refused the old one
 * is tried again. (It would notice anyway from the keyring item's change
 * time, but only to the second.) Stores a time stamp, nothing about the
 * password.
 */
gboolean
pb_digest_note_password_changed (PbStore  *store,
                                 GError  **error)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  stamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  return pb_store_set_meta (store, META_PASSWORD_STAMP, stamp, error);
}
