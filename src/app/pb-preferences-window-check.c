/* pb-preferences-window-check.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-digest.h"
#include "pb-preferences-window-private.h"
#include "pb-secrets.h"
#include "pb-store-digest.h"

/* Checking the settings: the test email, the preview, and the state of the
 * digest (paused, or its last attempt). */

/* Results of the test email, and the digest's state */

static void
show_result (PbPreferencesWindow *self,
             const char          *icon_name,
             const char          *style,
             const char          *title,
             const char          *subtitle)
{
  GtkWidget *icon = GTK_WIDGET (self->result_icon);

  gtk_image_set_from_icon_name (self->result_icon, icon_name);
  gtk_widget_set_css_classes (icon, (const char *[]) { style, NULL });
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
}

static void
set_busy (PbPreferencesWindow *self,
          gboolean             busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->send_spinner), busy);
  gtk_spinner_set_spinning (self->send_spinner, busy);
  if (!busy)
    g_clear_pointer (&self->sending, pb_digest_config_free);
}

static void
show_send_failure (PbPreferencesWindow *self,
                   const char          *message)
{
  show_result (self, "dialog-warning-symbolic", "error", _("The test email was not sent"),
               message);
  set_busy (self, FALSE);
}

static void
on_test_email_sent_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(PbDigestReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = pb_digest_send_now_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      show_send_failure (self, error->message);
      return;
    }

  show_result (self, "emblem-ok-symbolic", "success", _("Test email sent"), report->message);
  set_busy (self, FALSE);
}

static void
on_test_password_cb (GObject      *object,
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
  if (secret == NULL)
    {
      problem = _pb_dup_keyring_problem (error);
      show_send_failure (self, problem);
      return;
    }

  pb_digest_send_now_async (self->store_path, self->sending, secret->password, self->cancellable,
                            on_test_email_sent_cb, g_object_ref (self));
}

void
_pb_preferences_window_send_test_email (PbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->sending != NULL)
    return;

  set_busy (self, TRUE);
  self->sending = pb_digest_config_new_from_settings (self->settings);
  if (!pb_digest_config_check (self->sending, &error))
    {
      show_send_failure (self, error->message);
      return;
    }

  /* The password is read here, on the main thread, where the keyring may
   * ask the user to unlock it; the sending runs on a worker thread. */
  if (*self->sending->username != '\0')
    pb_secrets_lookup_async (self->sending->host, self->sending->username,
                             PB_SECRETS_LOOKUP_UNLOCK, self->cancellable, on_test_password_cb,
                             g_object_ref (self));
  else
    pb_digest_send_now_async (self->store_path, self->sending, NULL, self->cancellable,
                              on_test_email_sent_cb, g_object_ref (self));
}

typedef struct
{
  char *paused;    /* (nullable) */
  char *last;      /* (nullable) */
} DigestState;

static void
digest_state_free (DigestState *state)
{
  g_free (state->paused);
  g_free (state->last);
  g_free (state);
}

static void
load_state_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  DigestState *state = g_new0 (DigestState, 1);

  store = pb_store_open (task_data, NULL);
  if (store != NULL)
    {
      state->paused = pb_digest_dup_pause_message (store);
      attempts = pb_store_list_digest_attempts (store, 1, NULL);
    }
  if (attempts != NULL && attempts->len > 0)
    {
      PbDigestAttempt *attempt = g_ptr_array_index (attempts, 0);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (attempt->started_at);
      g_autofree char *when_text = g_date_time_format (when, "%x %X");

      /* Translators: a date and time, then what happened */
      state->last = g_strdup_printf (_("%1$s: %2$s"), when_text, attempt->message);
    }

  g_task_return_pointer (task, state, (GDestroyNotify)digest_state_free);
}

static void
on_state_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  DigestState *state = g_task_propagate_pointer (G_TASK (result), NULL);

  if (state == NULL)
    return;

  /* A test email sent meanwhile is the newer news. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->result_group)))
    {
      if (state->paused != NULL)
        show_result (self, "dialog-warning-symbolic", "warning",
                     _("The digest is paused until the password or the account settings "
                       "change"), state->paused);
      else if (state->last != NULL)
        show_result (self, "mail-send-symbolic", "dim-label", _("Last digest"), state->last);
    }

  digest_state_free (state);
}

void
_pb_preferences_window_load_digest_state (PbPreferencesWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_state_loaded_cb,
                                      g_object_ref (self));

  g_task_set_source_tag (task, _pb_preferences_window_load_digest_state);
  g_task_set_task_data (task, g_strdup (self->store_path), g_free);
  g_task_run_in_thread (task, load_state_thread);
}

/* The preview */

static void
on_preview_back_clicked_cb (PbPreferencesWindow *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static GtkWidget *
new_scrolled (GtkWidget *child)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 680);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  return scrolled;
}

static GtkWidget *
new_preview_pages (PbDigest *digest)
{
  g_autofree char *markup = pb_digest_render_markup (digest);
  g_autofree char *text = pb_digest_render_text (digest);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  g_object_set (label, "margin-start", 18, "margin-end", 18, "margin-top", 18,
                "margin-bottom", 18, NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  g_object_set (view, "left-margin", 18, "right-margin", 18, "top-margin", 18,
                "bottom-margin", 18, NULL);

  gtk_stack_add_named (GTK_STACK (stack), new_scrolled (label), "formatted");
  gtk_stack_add_named (GTK_STACK (stack), new_scrolled (view), "text");

  return stack;
}

static void
on_plain_text_toggled_cb (GtkToggleButton *toggle,
                          GtkStack        *stack)
{
  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (toggle) ? "text"
                                                                                 : "formatted");
}

static void
present_preview (PbPreferencesWindow *self,
                 PbDigest            *digest)
{
  g_autofree char *subject = pb_digest_dup_subject (digest);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Plain Text"));
  GtkWidget *stack = new_preview_pages (digest);

  gtk_widget_set_tooltip_text (back, _("Back"));
  g_signal_connect_object (back, "clicked", G_CALLBACK (on_preview_back_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_plain_text_toggled_cb), stack, 0);

  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), toggle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Digest Preview"), subject));

  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), stack);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), page);
}

static void
on_preview_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(PbDigest) digest = NULL;
  g_autoptr(GError) error = NULL;

  digest = pb_digest_preview_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), TRUE);
  if (digest == NULL)
    {
      show_result (self, "dialog-warning-symbolic", "error", _("Cannot preview the digest"),
                   error->message);
      return;
    }

  present_preview (self, digest);
}

void
_pb_preferences_window_preview (PbPreferencesWindow *self)
{
  g_autoptr(PbDigestConfig) config = pb_digest_config_new_from_settings (self->settings);

  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), FALSE);
  pb_digest_preview_async (self->store_path, config, self->cancellable, on_preview_ready_cb,
                           g_object_ref (self));
}
