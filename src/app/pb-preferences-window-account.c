/* pb-preferences-window-account.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-digest.h"
#include "pb-preferences-window-private.h"
#include "pb-secrets.h"

/* The mail account's password in the keyring, and the certificate
 * authority file. */

/* The certificate authority file */

static void
update_ca_row (PbPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "smtp-ca-file");
  g_autofree char *name = NULL;

  if (*path == '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ca_row),
                                   _("The system’s certificates"));
      gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), FALSE);
      return;
    }

  name = g_filename_display_name (path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ca_row), name);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), TRUE);
}

static void
on_ca_chooser_response_cb (PbPreferencesWindow *self,
                           int                  response,
                           GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    g_settings_set_string (self->settings, "smtp-ca-file", path);

  g_clear_object (&self->ca_chooser);
}

void
_pb_preferences_window_choose_ca_file (PbPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->ca_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");

  self->ca_chooser = GTK_NATIVE_DIALOG (
    gtk_file_chooser_native_new (_("Certificate Authority of the Mail Server"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), filter);
  gtk_native_dialog_set_modal (self->ca_chooser, TRUE);
  g_signal_connect_object (self->ca_chooser, "response", G_CALLBACK (on_ca_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->ca_chooser);
}

void
_pb_preferences_window_clear_ca_file (PbPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "smtp-ca-file", "");
}

/* The password */

static void
set_password_status (PbPreferencesWindow *self,
                     const char          *status,
                     gboolean             is_error)
{
  g_free (self->password_status);
  self->password_status = g_strdup (status);
  self->password_status_is_error = is_error;
  _pb_preferences_window_set_row_error (GTK_WIDGET (self->password_row), is_error);
  _pb_preferences_window_update_errors (self);
}

static gboolean
dup_account (PbPreferencesWindow  *self,
             char                **host,
             char                **username)
{
  *host = g_strstrip (g_settings_get_string (self->settings, "smtp-host"));
  *username = g_strstrip (g_settings_get_string (self->settings, "smtp-username"));

  return **host != '\0' && **username != '\0';
}

char *
_pb_dup_keyring_problem (const GError *error)
{
  if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED))
    return g_strdup (_("The keyring is locked: the password can be neither read nor saved."));
  if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_UNAVAILABLE))
    return g_strdup (_("The keyring is unavailable: the password can be neither read nor "
                       "saved, and the digest is paused."));

  return g_strdup (error->message);
}

static void
on_password_looked_up_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(PbSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  secret = pb_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Never overwrite what the user is typing. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->password_row)) &&
      !(gtk_widget_get_state_flags (GTK_WIDGET (self->password_row)) &
        GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row),
                           secret != NULL ? secret->password : "");

  if (secret != NULL)
    set_password_status (self, _("The password is stored in the keyring."), FALSE);
  else if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND))
    set_password_status (self, _("No password is stored yet: type it and press Enter."), FALSE);
  else
    {
      problem = _pb_dup_keyring_problem (error);
      set_password_status (self, problem, TRUE);
    }
}

static gboolean
look_up_password (gpointer user_data)
{
  PbPreferencesWindow *self = user_data;
  g_autofree char *host = NULL;
  g_autofree char *username = NULL;

  self->password_lookup_id = 0;

  if (!dup_account (self, &host, &username))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), *username != '\0');
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      set_password_status (self, NULL, FALSE);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), TRUE);
  pb_secrets_lookup_async (host, username, PB_SECRETS_LOOKUP_UNLOCK, self->cancellable,
                           on_password_looked_up_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* The server or the user name changed: another password applies. */
static void
on_account_changed_cb (PbPreferencesWindow *self)
{
  g_clear_handle_id (&self->password_lookup_id, g_source_remove);
  self->password_lookup_id = g_timeout_add (300, look_up_password, self);
}

static void
note_password_changed_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  g_autoptr(PbStore) store = NULL;
  GError *error = NULL;

  if ((store = pb_store_open (task_data, &error)) == NULL ||
      !pb_digest_note_password_changed (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_password_noted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot tell the digest about the new password: %s", error->message);
}

/* A digest paused because the server refused the old password tries
 * again; see pb_digest_note_password_changed(). */
static void
note_password_changed (PbPreferencesWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_password_noted_cb, NULL);

  g_task_set_source_tag (task, note_password_changed);
  g_task_set_task_data (task, g_strdup (self->store_path), g_free);
  g_task_run_in_thread (task, note_password_changed_thread);
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      problem = _pb_dup_keyring_problem (error);
      set_password_status (self, problem, TRUE);
      return;
    }

  set_password_status (self, _("The password is saved in the keyring."), FALSE);
  note_password_changed (self);
}

static void
on_password_forgotten_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!pb_secrets_forget_finish (result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      problem = _pb_dup_keyring_problem (error);
      set_password_status (self, problem, TRUE);
      return;
    }

  set_password_status (self, _("The password was removed from the keyring."), FALSE);
  note_password_changed (self);
}

void
_pb_preferences_window_apply_password (PbPreferencesWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *host = NULL;
  g_autofree char *username = NULL;

  if (!dup_account (self, &host, &username))
    {
      set_password_status (self, _("Enter the server and the user name first."), TRUE);
      return;
    }

  /* Emptying the field and applying is how a user removes the password. */
  if (*password == '\0')
    pb_secrets_forget_async (host, username, self->cancellable, on_password_forgotten_cb,
                             g_object_ref (self));
  else
    pb_secrets_store_async (host, username, password, self->cancellable, on_password_stored_cb,
                            g_object_ref (self));
}

/**
 * _pb_preferences_window_setup_account:
 *
 * Shows the certificate file and reads the password, now and whenever the
 * server or the user name change.
 */
void
_pb_preferences_window_setup_account (PbPreferencesWindow *self)
{
  update_ca_row (self);
  g_signal_connect_object (self->settings, "changed::smtp-ca-file", G_CALLBACK (update_ca_row),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::smtp-host",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::smtp-username",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  look_up_password (self);
}

void
_pb_preferences_window_dispose_account (PbPreferencesWindow *self)
{
  g_clear_handle_id (&self->password_lookup_id, g_source_remove);
  if (self->ca_chooser != NULL)
    gtk_native_dialog_destroy (self->ca_chooser);
  g_clear_object (&self->ca_chooser);
}
