/* pb-preferences-window.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-background.h"
#include "pb-digest.h"
#include "pb-mailer.h"
#include "pb-preferences-window-private.h"

/**
 * PbPreferencesWindow:
 *
 * The preferences: refreshing and notifications, and the email digest with
 * its mail account.
 *
 * Every row is bound to its key with g_settings_bind(). Text rows go
 * through a parser on the way to the settings: a value it refuses (a bad
 * address, a port out of range, no server while the digest is on) is never
 * written, and the rows and a line under their group say what is wrong. On
 * the way back a row's text is only replaced when it means something other
 * than the key, so that typing "a@b.org," is not undone by its own write.
 *
 * The password lives in the keyring only: it is read when the server or the
 * user name change, and written (or removed, when emptied) on apply
 * (pb-preferences-window-account.c). The test email, the preview and the
 * digest's state are in pb-preferences-window-check.c.
 */

G_DEFINE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const int refresh_minutes[] = { 15, 30, 60, 180, 360, 720, 1440 };

/* Text rows: parsing, formatting, binding */

typedef GVariant *(*ParseFunc) (PbPreferencesWindow  *self,
                                const char           *text,
                                char                **problem);

typedef struct
{
  const char *key;
  gsize       row_offset;
  ParseFunc   parse;
  gboolean    account;     /* its problems show under the mail account group */
} TextField;

typedef struct
{
  PbPreferencesWindow *self;   /* unowned: the binding dies with the row */
  const TextField     *field;
} TextBinding;

#define ROW(self, field) G_STRUCT_MEMBER (GtkEditable *, self, (field)->row_offset)

static gboolean
digest_enabled (PbPreferencesWindow *self)
{
  return gtk_switch_get_active (self->enabled_switch);
}

char *
_pb_dup_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static GVariant *
parse_host (PbPreferencesWindow  *self,
            const char           *text,
            char                **problem)
{
  g_autofree char *host = _pb_dup_trimmed (text);

  if (*host == '\0' && digest_enabled (self))
    *problem = g_strdup (_("Enter the outgoing mail server that sends the digest."));
  else if (*host != '\0' && !pb_mail_host_is_valid (host))
    *problem = g_strdup_printf (_("“%s” is not a server name."), host);
  else if (*host != '\0' && !pb_host_is_loopback (host) &&
           adw_combo_row_get_selected (self->security_row) == PB_SMTP_SECURITY_NONE)
    *problem = g_strdup (_("Without encryption, mail can only go to a server on this computer. "
                           "Choose STARTTLS or TLS first."));
  else
    return g_variant_new_string (host);

  return NULL;
}

static GVariant *
parse_port (PbPreferencesWindow  *self,
            const char           *text,
            char                **problem)
{
  g_autofree char *trimmed = _pb_dup_trimmed (text);
  guint64 port = 0;

  if (*trimmed == '\0' || strlen (trimmed) > 5 ||
      !g_ascii_string_to_unsigned (trimmed, 10, 1, 65535, &port, NULL))
    {
      *problem = g_strdup (_("The port is a number from 1 to 65535, usually 587 for STARTTLS "
                             "or 465 for TLS."));
      return NULL;
    }

  return g_variant_new_int32 ((gint32)port);
}

static GVariant *
parse_plain (PbPreferencesWindow  *self,
             const char           *text,
             char                **problem)
{
  g_autofree char *trimmed = _pb_dup_trimmed (text);

  return g_variant_new_string (trimmed);
}

static GVariant *
parse_from (PbPreferencesWindow  *self,
            const char           *text,
            char                **problem)
{
  g_autofree char *from = _pb_dup_trimmed (text);

  if (*from != '\0' && !pb_mail_address_is_valid (from))
    {
      *problem = g_strdup_printf (_("The From address “%s” is not an email address."), from);
      return NULL;
    }

  return g_variant_new_string (from);
}

/* "a@b.org, c@d.org" (or separated by semicolons or spaces) */
static GPtrArray *
split_list (const char *text,
            const char *separators)
{
  g_auto(GStrv) parts = g_strsplit_set (text, separators, -1);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_ptr_array_add (items, g_strdup (item));
    }
  g_ptr_array_add (items, NULL);

  return items;
}

static GVariant *
parse_recipients (PbPreferencesWindow  *self,
                  const char           *text,
                  char                **problem)
{
  g_autoptr(GPtrArray) addresses = split_list (text, ",; \t");

  if (addresses->len == 1 && digest_enabled (self))
    {
      *problem = g_strdup (_("Enter the address the digest goes to."));
      return NULL;
    }

  for (guint i = 0; i + 1 < addresses->len; i++)
    if (!pb_mail_address_is_valid (g_ptr_array_index (addresses, i)))
      {
        *problem = g_strdup_printf (_("“%s” is not an email address."),
                                    (char *)g_ptr_array_index (addresses, i));
        return NULL;
      }

  return g_variant_new_strv ((const char * const *)addresses->pdata, -1);
}

static GVariant *
parse_keywords (PbPreferencesWindow  *self,
                const char           *text,
                char                **problem)
{
  g_autoptr(GPtrArray) keywords = split_list (text, ",");

  return g_variant_new_strv ((const char * const *)keywords->pdata, -1);
}

static const TextField text_fields[] = {
  { "smtp-host", G_STRUCT_OFFSET (PbPreferencesWindow, host_row), parse_host, TRUE },
  { "smtp-port", G_STRUCT_OFFSET (PbPreferencesWindow, port_row), parse_port, TRUE },
  { "smtp-username", G_STRUCT_OFFSET (PbPreferencesWindow, username_row), parse_plain, TRUE },
  { "digest-from", G_STRUCT_OFFSET (PbPreferencesWindow, from_row), parse_from, TRUE },
  { "digest-recipients", G_STRUCT_OFFSET (PbPreferencesWindow, recipients_row),
    parse_recipients, FALSE },
  { "digest-keywords", G_STRUCT_OFFSET (PbPreferencesWindow, keywords_row), parse_keywords,
    FALSE },
};

static char *
format_value (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);

      return g_strjoinv (", ", (GStrv)strv);
    }

  g_return_val_if_reached (g_strdup (""));
}

static gboolean
get_text_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  TextBinding *binding = user_data;
  GtkEditable *row = ROW (binding->self, binding->field);
  const char *text = gtk_editable_get_text (row);
  g_autofree char *problem = NULL;
  g_autoptr(GVariant) parsed = binding->field->parse (binding->self, text, &problem);

  if (parsed != NULL)
    g_variant_ref_sink (parsed);

  /* The row already says this: leave the text (and the cursor) alone. */
  if (parsed != NULL && g_variant_equal (parsed, variant))
    g_value_set_string (value, text);
  else
    g_value_take_string (value, format_value (variant));

  return TRUE;
}

static GVariant *
set_text_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  TextBinding *binding = user_data;
  g_autofree char *problem = NULL;

  /* NULL: not written. _pb_preferences_window_update_errors() tells why. */
  return binding->field->parse (binding->self, g_value_get_string (value), &problem);
}

static void
bind_text_fields (PbPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      TextBinding *binding = g_new0 (TextBinding, 1);

      binding->self = self;
      binding->field = &text_fields[i];
      g_settings_bind_with_mapping (self->settings, text_fields[i].key,
                                    ROW (self, &text_fields[i]), "text",
                                    G_SETTINGS_BIND_DEFAULT, get_text_mapping, set_text_mapping,
                                    binding, g_free);
      g_signal_connect_object (ROW (self, &text_fields[i]), "changed",
                               G_CALLBACK (_pb_preferences_window_update_errors), self, G_CONNECT_SWAPPED);
    }
}

/* Inline problems */

void
_pb_preferences_window_set_row_error (GtkWidget *row,
                                      gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
show_problems (GtkLabel   *label,
               GString    *problems,
               const char *status,
               gboolean    status_is_error)
{
  GtkWidget *widget = GTK_WIDGET (label);

  if (problems->len > 0)
    {
      gtk_label_set_text (label, problems->str);
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_remove_css_class (widget, "dim-label");
    }
  else if (status != NULL)
    {
      gtk_label_set_text (label, status);
      gtk_widget_set_css_classes (widget, (const char *[]) { "caption", NULL });
      gtk_widget_add_css_class (widget, status_is_error ? "error" : "dim-label");
    }

  gtk_widget_set_visible (widget, problems->len > 0 || status != NULL);
}

static void
append_problem (GString    *problems,
                const char *problem)
{
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, problem);
}

void
_pb_preferences_window_update_errors (PbPreferencesWindow *self)
{
  g_autoptr(GString) digest_problems = g_string_new (NULL);
  g_autoptr(GString) account_problems = g_string_new (NULL);
  GtkEditable *host_row = GTK_EDITABLE (self->host_row);
  g_autofree char *trimmed_host = _pb_dup_trimmed (gtk_editable_get_text (host_row));
  gboolean security_bad;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      g_autofree char *problem = NULL;
      g_autoptr(GVariant) parsed = NULL;

      parsed = field->parse (self, gtk_editable_get_text (ROW (self, field)), &problem);
      if (parsed != NULL)
        g_variant_ref_sink (parsed);
      _pb_preferences_window_set_row_error (GTK_WIDGET (ROW (self, field)), problem != NULL);
      if (problem != NULL)
        append_problem (field->account ? account_problems : digest_problems, problem);
    }

  /* The security row's own problem shows when the server is fine. */
  security_bad = adw_combo_row_get_selected (self->security_row) == PB_SMTP_SECURITY_NONE &&
                 *trimmed_host != '\0' && !pb_host_is_loopback (trimmed_host);
  _pb_preferences_window_set_row_error (GTK_WIDGET (self->security_row), security_bad);

  show_problems (self->digest_error_label, digest_problems, NULL, FALSE);
  show_problems (self->account_error_label, account_problems, self->password_status,
                 self->password_status_is_error);
}

/* Mappings of the other rows */

static gboolean
get_refresh_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  int minutes = g_variant_get_int32 (variant);
  guint i = 0;

  /* The nearest choice that refreshes at least as often. */
  while (i + 1 < G_N_ELEMENTS (refresh_minutes) && refresh_minutes[i] < minutes)
    i++;
  if (i > 0 && refresh_minutes[i] > minutes)
    i--;
  g_value_set_uint (value, i);

  return TRUE;
}

static GVariant *
set_refresh_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (refresh_minutes))
    return NULL;

  return g_variant_new_int32 (refresh_minutes[i]);
}

static gboolean
get_security_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "tls") ? PB_SMTP_SECURITY_TLS
                           : g_str_equal (nick, "none") ? PB_SMTP_SECURITY_NONE
                           : PB_SMTP_SECURITY_STARTTLS);
  return TRUE;
}

static GVariant *
set_security_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  PbPreferencesWindow *self = user_data;
  g_autofree char *host = _pb_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->host_row)));

  switch (g_value_get_uint (value))
    {
    case PB_SMTP_SECURITY_STARTTLS:
      return g_variant_new_string ("starttls");
    case PB_SMTP_SECURITY_TLS:
      return g_variant_new_string ("tls");
    case PB_SMTP_SECURITY_NONE:
      /* Never saved for a server elsewhere: the row says why. */
      if (*host != '\0' && !pb_host_is_loopback (host))
        return NULL;
      return g_variant_new_string ("none");
    default:
      return NULL;
    }
}

/* Port 587 goes with STARTTLS and 465 with TLS: switching one switches the
 * other, unless the port was chosen by hand. */
static void
on_security_changed_cb (PbPreferencesWindow *self)
{
  int security = g_settings_get_enum (self->settings, "smtp-security");
  int port = g_settings_get_int (self->settings, "smtp-port");

  if (security == PB_SMTP_SECURITY_TLS && self->last_security == PB_SMTP_SECURITY_STARTTLS &&
      port == 587)
    g_settings_set_int (self->settings, "smtp-port", 465);
  else if (security == PB_SMTP_SECURITY_STARTTLS && self->last_security == PB_SMTP_SECURITY_TLS &&
           port == 465)
    g_settings_set_int (self->settings, "smtp-port", 587);

  self->last_security = security;
  _pb_preferences_window_update_errors (self);
}

static void
parse_time (GSettings *settings,
            int       *hour,
            int       *minute)
{
  g_autofree char *time = g_settings_get_string (settings, "digest-time");

  if (!pb_digest_parse_time (time, hour, minute))
    *hour = 8, *minute = 0;
}

static gboolean
get_hour_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  int hour = 8, minute = 0;

  if (!pb_digest_parse_time (g_variant_get_string (variant, NULL), &hour, &minute))
    hour = 8;
  g_value_set_double (value, hour);
  return TRUE;
}

static gboolean
get_minute_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  int hour = 8, minute = 0;

  if (!pb_digest_parse_time (g_variant_get_string (variant, NULL), &hour, &minute))
    minute = 0;
  g_value_set_double (value, minute);
  return TRUE;
}

static GVariant *
set_hour_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  PbPreferencesWindow *self = user_data;
  int hour, minute;

  parse_time (self->settings, &hour, &minute);
  return g_variant_new_take_string (g_strdup_printf ("%02d:%02d",
                                                     (int)g_value_get_double (value), minute));
}

static GVariant *
set_minute_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  PbPreferencesWindow *self = user_data;
  int hour, minute;

  parse_time (self->settings, &hour, &minute);
  return g_variant_new_take_string (g_strdup_printf ("%02d:%02d", hour,
                                                     (int)g_value_get_double (value)));
}

static gboolean
on_time_spin_output_cb (GtkSpinButton *spin,
                        gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_background_started_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  PbPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (pb_background_start_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("Cannot start the background refresh: %s", error->message);
  message = g_strdup_printf (_("The background refresh did not start: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static gboolean
start_background (gpointer user_data)
{
  PbPreferencesWindow *self = user_data;

  self->background_start_id = 0;
  /* The service reads the key as soon as it starts: it must find it on
   * disk (or in dconf), not only in this process. */
  g_settings_sync ();
  pb_background_start_async (self->cancellable, on_background_started_cb, self);

  return G_SOURCE_REMOVE;
}

/* Turned on: the service starts now, not at the next login. Turned off, it
 * stops by itself. "changed" comes before the backend has written the key,
 * so the start waits for the main loop. */
static void
on_background_refresh_changed_cb (PbPreferencesWindow *self,
                                  const char          *key,
                                  GSettings           *settings)
{
  if (g_settings_get_boolean (settings, "background-refresh") && self->background_start_id == 0)
    self->background_start_id = g_idle_add (start_background, self);
}

static void
bind_settings (PbPreferencesWindow *self)
{
  GSettings *s = self->settings;

  g_settings_bind_with_mapping (s, "refresh-interval-minutes", self->refresh_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_refresh_mapping, set_refresh_mapping,
                                NULL, NULL);
  g_settings_bind (s, "background-refresh", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (s, "changed::background-refresh",
                           G_CALLBACK (on_background_refresh_changed_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (s, "notify-new-papers", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (s, "digest-enabled", self->enabled_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (s, "digest-time", gtk_spin_button_get_adjustment (self->hour_spin),
                                "value", G_SETTINGS_BIND_DEFAULT, get_hour_mapping,
                                set_hour_mapping, self, NULL);
  g_settings_bind_with_mapping (s, "digest-time",
                                gtk_spin_button_get_adjustment (self->minute_spin), "value",
                                G_SETTINGS_BIND_DEFAULT, get_minute_mapping, set_minute_mapping,
                                self, NULL);
  g_settings_bind (s, "digest-weekdays-only", self->weekdays_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (s, "digest-max-papers", gtk_spin_button_get_adjustment (self->max_papers_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (s, "digest-min-upvotes",
                   gtk_spin_button_get_adjustment (self->min_upvotes_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (s, "digest-skip-empty", self->skip_empty_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* Before the text rows: the host's parser looks at the security row. */
  self->last_security = g_settings_get_enum (s, "smtp-security");
  g_settings_bind_with_mapping (s, "smtp-security", self->security_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_security_mapping,
                                set_security_mapping, self, NULL);
  bind_text_fields (self);

  g_signal_connect_object (s, "changed::smtp-security", G_CALLBACK (on_security_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->security_row, "notify::selected", G_CALLBACK (_pb_preferences_window_update_errors),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->enabled_switch, "notify::active", G_CALLBACK (_pb_preferences_window_update_errors),
                           self, G_CONNECT_SWAPPED);
}

/* The mappings refer to the template children, which go in dispose. */
static void
unbind_settings (PbPreferencesWindow *self)
{
  if (self->host_row == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_settings_unbind (ROW (self, &text_fields[i]), "text");
  g_settings_unbind (self->security_row, "selected");
  g_settings_unbind (self->refresh_row, "selected");
  g_settings_unbind (gtk_spin_button_get_adjustment (self->hour_spin), "value");
  g_settings_unbind (gtk_spin_button_get_adjustment (self->minute_spin), "value");
  g_signal_handlers_disconnect_by_data (self->settings, self);
}

/* GObject */

static void
pb_preferences_window_constructed (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL && self->store_path != NULL);

  bind_settings (self);
  _pb_preferences_window_update_errors (self);
  _pb_preferences_window_setup_account (self);
  _pb_preferences_window_load_digest_state (self);
}

static void
pb_preferences_window_dispose (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->background_start_id, g_source_remove);
  unbind_settings (self);
  _pb_preferences_window_dispose_account (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->dispose (object);
}

static void
pb_preferences_window_finalize (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->store_path);
  g_free (self->password_status);
  g_clear_pointer (&self->sending, pb_digest_config_free);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->finalize (object);
}

static void
pb_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE_PATH:
      self->store_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_class_init (PbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_preferences_window_constructed;
  object_class->dispose = pb_preferences_window_dispose;
  object_class->finalize = pb_preferences_window_finalize;
  object_class->get_property = pb_preferences_window_get_property;
  object_class->set_property = pb_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_PATH] =
    g_param_spec_string ("store-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paperboy/Paperboy/ui/"
                                               "pb-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, name)
  BIND (refresh_row);
  BIND (background_switch);
  BIND (notify_switch);
  BIND (enabled_switch);
  BIND (hour_spin);
  BIND (minute_spin);
  BIND (weekdays_switch);
  BIND (recipients_row);
  BIND (digest_error_label);
  BIND (max_papers_spin);
  BIND (min_upvotes_spin);
  BIND (keywords_row);
  BIND (skip_empty_switch);
  BIND (host_row);
  BIND (port_row);
  BIND (security_row);
  BIND (username_row);
  BIND (password_row);
  BIND (from_row);
  BIND (ca_row);
  BIND (ca_clear_button);
  BIND (account_error_label);
  BIND (result_group);
  BIND (result_row);
  BIND (result_icon);
  BIND (preview_button);
  BIND (send_button);
  BIND (send_spinner);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, on_time_spin_output_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_password_row_apply_cb",
                                                G_CALLBACK (_pb_preferences_window_apply_password));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_ca_button_clicked_cb",
                                                G_CALLBACK (_pb_preferences_window_choose_ca_file));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_ca_clear_clicked_cb",
                                                G_CALLBACK (_pb_preferences_window_clear_ca_file));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_preview_clicked_cb",
                                                G_CALLBACK (_pb_preferences_window_preview));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_send_clicked_cb",
                                                G_CALLBACK (_pb_preferences_window_send_test_email));
}

static void
pb_preferences_window_init (PbPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pb_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: of the schema io.github.paperboy.Paperboy
 * @store_path: the database, for the preview, the test email and the log
 *
 * Returns: (transfer full): the window
 */
PbPreferencesWindow *
pb_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *store_path)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  return g_object_new (PB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "store-path", store_path,
                       NULL);
}
