/* test-secrets.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-secrets.h"

/*
 * The password in a real Secret Service: gnome-keyring in the private
 * session of build-aux/headless-session. Run with --keyring, or, with
 * PB_TEST_NO_SECRET_SERVICE=1, in a session without one.
 */

#define HOST "smtp.example.com"

static void
test_round_trip (void)
{
  g_autoptr(PbSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed = FALSE;

  g_assert_true (pb_secrets_store_sync (HOST, "ann", "first", NULL, &error));
  g_assert_no_error (error);
  secret = pb_secrets_lookup_sync (HOST, "ann", PB_SECRETS_LOOKUP_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret->password, ==, "first");
  g_assert_cmpuint (secret->modified, >, 0);
  g_clear_pointer (&secret, pb_secret_free);

  /* Replaced, not added; other accounts are other items. */
  g_assert_true (pb_secrets_store_sync (HOST, "ann", "sécond ✓", NULL, &error));
  g_assert_true (pb_secrets_store_sync (HOST, "bob", "bobs", NULL, &error));
  g_assert_true (pb_secrets_store_sync ("other.example.com", "ann", "other", NULL, &error));
  g_assert_no_error (error);
  secret = pb_secrets_lookup_sync (HOST, "ann", PB_SECRETS_LOOKUP_UNLOCK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret->password, ==, "sécond ✓");
  g_clear_pointer (&secret, pb_secret_free);

  g_assert_true (pb_secrets_forget_sync (HOST, "ann", &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  secret = pb_secrets_lookup_sync (HOST, "ann", PB_SECRETS_LOOKUP_DEFAULT, NULL, &error);
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND);
  g_assert_null (secret);
  g_clear_error (&error);

  g_assert_true (pb_secrets_forget_sync (HOST, "ann", &removed, NULL, &error));
  g_assert_false (removed);

  secret = pb_secrets_lookup_sync (HOST, "bob", PB_SECRETS_LOOKUP_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret->password, ==, "bobs");
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSecret) secret = NULL;
  gboolean removed = FALSE;

  pb_secrets_store_async (HOST, "cid", "async one", NULL, on_done_cb, &result);
  g_assert_true (pb_secrets_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  pb_secrets_lookup_async (HOST, "cid", PB_SECRETS_LOOKUP_UNLOCK, NULL, on_done_cb, &result);
  secret = pb_secrets_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret->password, ==, "async one");
  g_clear_object (&result);

  pb_secrets_forget_async (HOST, "cid", NULL, on_done_cb, &result);
  g_assert_true (pb_secrets_forget_finish (wait_for (&result), &removed, &error));
  g_assert_true (removed);
  g_clear_object (&result);

  pb_secrets_lookup_async (HOST, "cid", PB_SECRETS_LOOKUP_DEFAULT, NULL, on_done_cb, &result);
  g_assert_null (pb_secrets_lookup_finish (wait_for (&result), &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND);
  g_clear_object (&result);
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_secrets_store_sync ("", "ann", "x", NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_secrets_store_sync (HOST, "ann", "", NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pb_secrets_lookup_sync (HOST, "", 0, NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID);
}

static void
lock_login_collection (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *collections[] = { "/org/freedesktop/secrets/collection/login", NULL };

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(^ao)", collections), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* Last: it leaves the keyring locked (there is nobody to type the password
 * into a prompt). */
static void
test_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSecret) secret = NULL;

  g_assert_true (pb_secrets_store_sync (HOST, "dan", "locked away", NULL, &error));
  lock_login_collection ();

  /* Locked is not "not stored": the digest pauses, and nothing is deleted. */
  secret = pb_secrets_lookup_sync (HOST, "dan", PB_SECRETS_LOOKUP_DEFAULT, NULL, &error);
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, "The keyring is locked");
  g_clear_error (&error);

  /* Asking to unlock fails too (the prompt cannot be shown) and returns. */
  secret = pb_secrets_lookup_sync (HOST, "dan", PB_SECRETS_LOOKUP_UNLOCK, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PB_SECRETS_ERROR);
  g_assert_cmpint (error->code, !=, PB_SECRETS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pb_secrets_store_sync (HOST, "dan", "new", NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED);
}

static void
test_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSecret) secret = NULL;
  gboolean removed = TRUE;

  secret = pb_secrets_lookup_sync (HOST, "eve", PB_SECRETS_LOOKUP_UNLOCK, NULL, &error);
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is unavailable"));
  g_clear_error (&error);

  g_assert_false (pb_secrets_store_sync (HOST, "eve", "nowhere", NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (pb_secrets_forget_sync (HOST, "eve", &removed, NULL, &error));
  g_assert_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_UNAVAILABLE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PB_TEST_NO_SECRET_SERVICE") != NULL)
    {
      g_test_add_func ("/secrets/unavailable", test_unavailable);
      return g_test_run ();
    }

  g_test_add_func ("/secrets/round-trip", test_round_trip);
  g_test_add_func ("/secrets/async", test_async);
  g_test_add_func ("/secrets/invalid", test_invalid);
  g_test_add_func ("/secrets/locked", test_locked);

  return g_test_run ();
}
