/* pb-digest-send.c
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
 * Delivering a digest, for the daily schedule (pb-digest-run.c) and by
 * hand: one message per recipient through a PbMailer, each failure sorted
 * into temporary, blocking (only the user can fix it) or about one
 * recipient, and put in words.
 */

/* Runs */

void
_pb_digest_run_clear (PbDigestRun *run)
{
  g_free (run->today);
  g_free (run->day);
  g_clear_pointer (&run->secret, pb_secret_free);
  g_clear_error (&run->secret_error);
  g_clear_pointer (&run->report, pb_digest_report_free);
}

void
_pb_digest_run_init (PbDigestRun          *run,
                     PbStore              *store,
                     const PbDigestConfig *config,
                     GDateTime            *now,
                     PbMailer             *mailer,
                     GCancellable         *cancellable)
{
  run->store = store;
  run->config = config;
  run->now = now;
  run->now_unix = g_date_time_to_unix (now);
  run->today = g_date_time_format (now, "%Y-%m-%d");
  run->mailer = mailer;
  run->cancellable = cancellable;
  run->report = g_new0 (PbDigestReport, 1);
}

void
_pb_digest_run_report (PbDigestRun     *run,
                       PbDigestOutcome  outcome,
                       const char      *day,
                       const char      *message)
{
  run->report->outcome = outcome;
  g_free (run->report->day);
  run->report->day = g_strdup (day);
  g_free (run->report->message);
  run->report->message = g_strdup (message);
  g_debug ("Digest %s: %s", pb_digest_outcome_to_string (outcome), message);
}

gboolean
_pb_digest_run_finish (PbDigestRun     *run,
                       PbDigestReport **report,
                       gboolean         ok)
{
  if (report != NULL)
    *report = g_steal_pointer (&run->report);
  return ok;
}

void
_pb_digest_run_look_up_password (PbDigestRun          *run,
                                 PbSecretsLookupFlags  flags)
{
  const char *username = run->config->username;

  if (run->mailer != NULL || username == NULL || *username == '\0')
    return;

  run->secret = pb_secrets_lookup_sync (run->config->host, username, flags,
                                        run->cancellable, &run->secret_error);
}

/* Delivering */

void
_pb_delivery_clear (PbDelivery *delivery)
{
  g_clear_error (&delivery->error);
  g_clear_error (&delivery->rejection);
}

static PbMailer *
dup_mailer (PbDigestRun *run)
{
  PbSmtpMailer *mailer;

  if (run->mailer != NULL)
    return g_object_ref (run->mailer);

  mailer = pb_smtp_mailer_new (run->config->host, run->config->port, run->config->security);
  pb_smtp_mailer_set_credentials (mailer, run->config->username,
                                  run->secret ? run->secret->password : NULL);
  pb_smtp_mailer_set_ca_file (mailer, run->config->ca_file);

  return PB_MAILER (mailer);
}

static PbRecipientState
find_recipient_state (GPtrArray  *done,
                      const char *address)
{
  for (guint i = 0; done != NULL && i < done->len; i++)
    {
      PbDigestRecipient *recipient = g_ptr_array_index (done, i);

      if (g_ascii_strcasecmp (recipient->address, address) == 0)
        return recipient->state;
    }

  return PB_RECIPIENT_PENDING;
}

static gboolean
send_one (PbDigestRun  *run,
          PbMailer     *mailer,
          PbDigest     *digest,
          const char   *recipient,
          gboolean      scheduled,
          char        **message_id,
          GError      **error)
{
  g_autoptr(GBytes) message = NULL;
  const char *sender = pb_digest_config_get_sender (run->config);

  *message_id = pb_digest_dup_message_id (digest, recipient, scheduled);
  message = pb_digest_build_message (digest, sender, recipient, run->now, *message_id, error);
  if (message == NULL)
    return FALSE;

  return pb_mailer_send (mailer, sender, recipient, message, run->cancellable, error);
}

/* Sends @digest to each recipient that does not have it yet. Stops at the
 * first failure that is not about one recipient. For the day's digest, each
 * delivery is recorded as soon as the server took it. */
gboolean
_pb_digest_deliver (PbDigestRun         *run,
                    PbDigest            *digest,
                    const char * const  *recipients,
                    gboolean             scheduled,
                    PbDelivery          *delivery,
                    GError             **error)
{
  g_autoptr(PbMailer) mailer = dup_mailer (run);
  g_autoptr(GPtrArray) done = NULL;

  if (scheduled &&
      (done = pb_store_list_digest_recipients (run->store, run->day, error)) == NULL)
    return FALSE;

  for (guint i = 0; recipients[i] != NULL; i++)
    {
      PbDigestRecipient row = { (char *)recipients[i], NULL, PB_RECIPIENT_PENDING, 0 };
      g_autofree char *message_id = NULL;
      GError *send_error = NULL;

      delivery->n_recipients++;
      row.state = find_recipient_state (done, recipients[i]);
      if (row.state == PB_RECIPIENT_SENT)
        delivery->n_delivered++;
      else if (row.state == PB_RECIPIENT_REJECTED)
        delivery->n_rejected++;
      if (row.state != PB_RECIPIENT_PENDING)
        continue;

      if (delivery->error != NULL)
        {
          delivery->n_pending++;
          continue;
        }

      if (send_one (run, mailer, digest, recipients[i], scheduled, &message_id, &send_error))
        {
          row.state = PB_RECIPIENT_SENT;
          row.sent_at = run->now_unix;
          delivery->n_delivered++;
          g_debug ("Delivered the digest of %s to %s as <%s>", run->day, recipients[i],
                   message_id);
        }
      else if (g_error_matches (send_error, PB_MAILER_ERROR, PB_MAILER_ERROR_RECIPIENT))
        {
          row.state = PB_RECIPIENT_REJECTED;
          delivery->n_rejected++;
          g_clear_error (&delivery->rejection);
          delivery->rejection = send_error;
        }
      else
        {
          delivery->n_pending++;
          delivery->error = send_error;
          continue;
        }

      row.message_id = message_id;
      if (scheduled && !pb_store_save_digest_recipient (run->store, run->day, &row, error))
        return FALSE;
    }

  return TRUE;
}

const char *
_pb_digest_error_kind (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == PB_SECRETS_ERROR)
    return error->code == PB_SECRETS_ERROR_NOT_FOUND ? "password" : "keyring";
  if (error->domain == PB_DIGEST_ERROR)
    return "settings";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";

  return pb_mailer_error_kind (error);
}

/* Failures only the user can fix: nothing is tried again until the account
 * settings or the password change. */
gboolean
_pb_digest_error_is_blocking (const GError *error)
{
  return g_error_matches (error, PB_MAILER_ERROR, PB_MAILER_ERROR_AUTH) ||
         g_error_matches (error, PB_MAILER_ERROR, PB_MAILER_ERROR_SENDER) ||
         g_error_matches (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG) ||
         g_error_matches (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS) ||
         g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND);
}

gboolean
_pb_digest_error_is_temporary (const GError *error)
{
  return pb_mailer_error_is_temporary (error) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         (error->domain == PB_SECRETS_ERROR && error->code != PB_SECRETS_ERROR_NOT_FOUND &&
          error->code != PB_SECRETS_ERROR_INVALID);
}

/* Error messages of libraries may lack the final stop that the next
 * sentence needs. */
static char *
dup_sentence (const char *text)
{
  gsize len = strlen (text);

  if (len > 0 && strchr (".!?", text[len - 1]) == NULL)
    return g_strconcat (text, ".", NULL);

  return g_strdup (text);
}

/* The words for a failure of the day's digest. */
char *
_pb_digest_dup_failure_message (const GError *error)
{
  if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED))
    return g_strdup (_("The keyring is locked — the digest is paused until it is unlocked."));
  if (error->domain == PB_SECRETS_ERROR && error->code != PB_SECRETS_ERROR_NOT_FOUND)
    return g_strdup (_("The keyring is unavailable — the digest is paused."));
  if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND))
    return g_strdup_printf (_("%s. Set it in Preferences or with “paperboy-cli account "
                              "set-password”."), error->message);

  return dup_sentence (error->message);
}
/* By hand */

static gboolean
check_recipients (const char * const  *recipients,
                  GError             **error)
{
  if (recipients == NULL || recipients[0] == NULL)
    {
      g_set_error_literal (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS,
                           _("No recipient is set"));
      return FALSE;
    }
  for (guint i = 0; recipients[i] != NULL; i++)
    if (!pb_mail_address_is_valid (recipients[i]))
      {
        g_set_error (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS,
                     _("“%s” is not an email address"), recipients[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_manual (PbDigestRun         *run,
              const char * const  *recipients,
              GError             **error)
{
  g_autoptr(PbDigestConfig) checked = pb_digest_config_copy (run->config);

  /* The recipients given replace the configured ones for this check. */
  if (recipients != NULL)
    {
      g_strfreev (checked->recipients);
      checked->recipients = g_strdupv ((GStrv)recipients);
    }

  return check_recipients ((const char * const *)checked->recipients, error) &&
         pb_digest_config_check (checked, error);
}

static gboolean
log_manual (PbDigestRun   *run,
            PbDigest      *digest,
            PbDelivery    *delivery,
            const GError  *failure,
            GError       **error)
{
  g_auto(PbDigestAttempt) attempt = { 0, };

  attempt.started_at = run->now_unix;
  attempt.day = g_strdup (pb_digest_get_day (digest));
  attempt.kind = g_strdup ("manual");
  attempt.result = g_strdup (failure != NULL || delivery->n_rejected > 0
                             ? (delivery->n_delivered > 0 ? "partial" : "failed") : "sent");
  attempt.error_kind = g_strdup (_pb_digest_error_kind (failure ? failure : delivery->rejection));
  attempt.message = g_strdup (run->report->message);
  attempt.n_papers = pb_digest_get_papers (digest)->len;
  attempt.n_recipients = delivery->n_recipients;
  attempt.n_delivered = delivery->n_delivered;

  /* A digest sent by hand tells about the account as much as the daily one:
   * it lifts a pause when it goes through and sets one when the password is
   * refused. It does not touch the ledger or the day's digest. */
  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;
  if (!pb_store_log_digest_attempt (run->store, &attempt, error) ||
      (failure != NULL && _pb_digest_error_is_blocking (failure) &&
       !_pb_digest_set_blocked (run, run->report->message, error)) ||
      (delivery->n_delivered > 0 && !_pb_digest_clear_blocked (run, error)))
    {
      pb_store_rollback (run->store);
      return FALSE;
    }

  return pb_store_commit (run->store, error);
}

static void
report_manual (PbDigestRun        *run,
               PbDigest           *digest,
               const char * const *recipients,
               PbDelivery         *delivery,
               const GError       *failure)
{
  g_autofree char *joined = g_strjoinv (", ", (GStrv)recipients);
  g_autofree char *message = NULL;
  guint n_papers = pb_digest_get_papers (digest)->len;

  if (failure != NULL)
    message = _pb_digest_dup_failure_message (failure);
  else if (delivery->rejection != NULL)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent to %1$u of %2$u recipient. %3$s",
                                            "Sent to %1$u of %2$u recipients. %3$s",
                                            delivery->n_recipients),
                               delivery->n_delivered, delivery->n_recipients,
                               delivery->rejection->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Sent a digest of %1$u paper to %2$s",
                                            "Sent a digest of %1$u papers to %2$s", n_papers),
                               n_papers, joined);

  _pb_digest_run_report (run, failure != NULL || delivery->n_delivered == 0 ? PB_DIGEST_OUTCOME_FAILED
                                                                 : PB_DIGEST_OUTCOME_SENT,
              pb_digest_get_day (digest), message);
  run->report->n_papers = n_papers;
  run->report->n_delivered = delivery->n_delivered;
}

gboolean
_pb_digest_send_now_full (PbStore               *store,
                          const PbDigestConfig  *config,
                          GDateTime             *now,
                          const char * const    *recipients,
                          const char            *password,
                          PbMailer              *mailer,
                          GCancellable          *cancellable,
                          PbDigestReport       **report,
                          GError               **error)
{
  g_auto(PbDigestRun) run = { 0, };
  g_auto(PbDelivery) delivery = { 0, };
  g_autoptr(PbDigest) digest = NULL;
  const GError *failure;

  _pb_digest_run_init (&run, store, config, now, mailer, cancellable);
  if (recipients == NULL)
    recipients = (const char * const *)config->recipients;

  if (!check_manual (&run, recipients, error))
    return FALSE;

  digest = pb_digest_select (store, config, run.today, error);
  if (digest == NULL)
    return FALSE;

  if (password != NULL && mailer == NULL)
    {
      run.secret = g_new0 (PbSecret, 1);
      run.secret->password = g_strdup (password);
    }
  else
    _pb_digest_run_look_up_password (&run, PB_SECRETS_LOOKUP_UNLOCK);

  run.day = g_strdup (run.today);
  if (run.secret_error == NULL &&
      !_pb_digest_deliver (&run, digest, recipients, FALSE, &delivery, error))
    return FALSE;

  failure = run.secret_error ? run.secret_error : delivery.error;
  report_manual (&run, digest, recipients, &delivery, failure);
  if (!log_manual (&run, digest, &delivery, failure, error))
    return _pb_digest_run_finish (&run, report, FALSE);

  if (failure != NULL || delivery.n_delivered < delivery.n_recipients)
    {
      g_set_error_literal (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_FAILED, run.report->message);
      return _pb_digest_run_finish (&run, report, FALSE);
    }

  return _pb_digest_run_finish (&run, report, TRUE);
}

/**
 * pb_digest_send_now:
 * @recipients: (nullable): instead of the configured ones
 * @report: (out) (optional) (transfer full)
 *
 * Sends a digest of the papers that the next digest would hold, now, to the
 * recipients. It does not count as the day's digest and does not enter the
 * ledger. May ask the user to unlock the keyring. Blocks.
 */
gboolean
pb_digest_send_now (PbStore               *store,
                    const PbDigestConfig  *config,
                    GDateTime             *now,
                    const char * const    *recipients,
                    GCancellable          *cancellable,
                    PbDigestReport       **report,
                    GError               **error)
{
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (config != NULL && now != NULL, FALSE);

  return _pb_digest_send_now_full (store, config, now, recipients, NULL, NULL, cancellable,
                                   report, error);
}

/* For the window: the same on a worker thread with its own store. */

typedef struct
{
  char           *store_path;
  PbDigestConfig *config;
  char           *password;   /* (nullable): wiped when freed */
} ThreadData;

static void
thread_data_free (ThreadData *data)
{
  g_free (data->store_path);
  pb_digest_config_free (data->config);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static ThreadData *
thread_data_new (const char           *store_path,
                 const PbDigestConfig *config,
                 const char           *password)
{
  ThreadData *data = g_new0 (ThreadData, 1);

  data->store_path = g_strdup (store_path);
  data->config = pb_digest_config_copy (config);
  data->password = g_strdup (password);

  return data;
}

static void
send_now_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ThreadData *data = task_data;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PbDigestReport *report = NULL;
  GError *error = NULL;

  store = pb_store_open (data->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The password was looked up on the main thread, where libsecret may ask
   * to unlock the keyring. */
  if (!_pb_digest_send_now_full (store, data->config, now, NULL, data->password, NULL,
                                 cancellable, &report, &error))
    {
      pb_digest_report_free (report);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, report, (GDestroyNotify)pb_digest_report_free);
}

/**
 * pb_digest_send_now_async:
 * @store_path: the database file
 * @password: (nullable): the account's password, when it has a user name
 *
 * pb_digest_send_now() on a worker thread.
 */
void
pb_digest_send_now_async (const char           *store_path,
                          const PbDigestConfig *config,
                          const char           *password,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store_path != NULL && config != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_digest_send_now_async);
  g_task_set_task_data (task, thread_data_new (store_path, config, password),
                        (GDestroyNotify)thread_data_free);
  g_task_run_in_thread (task, send_now_thread);
}

/**
 * pb_digest_send_now_finish:
 *
 * Returns: (transfer full): what was sent, or %NULL with @error set
 */
PbDigestReport *
pb_digest_send_now_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ThreadData *data = task_data;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *today = pb_text_today ();
  PbDigest *digest;
  GError *error = NULL;

  if ((store = pb_store_open (data->store_path, &error)) == NULL ||
      (digest = pb_digest_select (store, data->config, today, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, digest, g_object_unref);
}

/**
 * pb_digest_preview_async:
 *
 * Chooses, on a worker thread, the papers a digest sent now would hold.
 */
void
pb_digest_preview_async (const char           *store_path,
                         const PbDigestConfig *config,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store_path != NULL && config != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_digest_preview_async);
  g_task_set_task_data (task, thread_data_new (store_path, config, NULL),
                        (GDestroyNotify)thread_data_free);
  g_task_run_in_thread (task, preview_thread);
}

/**
 * pb_digest_preview_finish:
 *
 * Returns: (transfer full): the digest, or %NULL with @error set
 */
PbDigest *
pb_digest_preview_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
