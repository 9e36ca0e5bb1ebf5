/* pb-fixture-server.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The test server as a program, for scripts: serves the API captures in
 * DIR on 127.0.0.1, prints its address on a line of its own, and runs until
 * its standard input closes.
 *
 *   pb-fixture-server DIR [--fault KEY=500|429|stall|truncated|…|none]
 *
 * Lines on its standard input change what it serves; each is answered with
 * a line "ok" or "error: WHY":
 *
 *   list KEY FILE     serve the JSON in FILE for KEY (a date, "trending")
 *   fault KEY KIND    misbehave for KEY, as --fault does
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pb-test-server.h"

static const struct { const char *name; PbFault fault; } faults[] = {
  { "none", PB_FAULT_NONE }, { "500", PB_FAULT_500 }, { "429", PB_FAULT_429 }, { "503", PB_FAULT_503_RATELIMIT },
  { "stall", PB_FAULT_STALL }, { "truncated", PB_FAULT_TRUNCATED }, { "huge", PB_FAULT_HUGE },
  { "error", PB_FAULT_ERROR_OBJECT }, { "redirect", PB_FAULT_REDIRECT_LOOP },
  { "html", PB_FAULT_HTML },
};

static gboolean
find_fault (const char *name,
            PbFault    *fault)
{
  for (guint j = 0; j < G_N_ELEMENTS (faults); j++)
    if (g_str_equal (name, faults[j].name))
      {
        *fault = faults[j].fault;
        return TRUE;
      }
  return FALSE;
}

/* One command line; returns the answer. */
static char *
run_command (PbTestServer *server,
             const char   *line)
{
  g_autofree char *command = g_strstrip (g_strdup (line));
  g_auto(GStrv) words = g_strsplit (command, " ", 3);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length (words);
  PbFault fault;

  if (n == 3 && g_str_equal (words[0], "list"))
    {
      if (!g_file_get_contents (words[2], &json, NULL, &error))
        return g_strdup_printf ("error: %s", error->message);
      pb_test_server_set_list (server, words[1], json);
      return g_strdup ("ok");
    }
  if (n == 3 && g_str_equal (words[0], "fault"))
    {
      if (!find_fault (words[2], &fault))
        return g_strdup_printf ("error: no fault “%s”", words[2]);
      pb_test_server_set_fault (server, words[1], fault);
      return g_strdup ("ok");
    }

  return g_strdup_printf ("error: cannot do “%s”", command);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbTestServer) server = NULL;
  char buf[4096];

  if (argc < 2)
    {
      fprintf (stderr, "usage: pb-fixture-server DIR [--fault KEY=KIND]...\n");
      return 2;
    }

  server = pb_test_server_new (argv[1]);
  for (int i = 2; i + 1 < argc; i += 2)
    {
      g_auto(GStrv) kv = g_strsplit (argv[i + 1], "=", 2);
      PbFault fault;
      gboolean known = kv[0] && kv[1] && find_fault (kv[1], &fault);

      if (known)
        pb_test_server_set_fault (server, kv[0], fault);
      if (!g_str_equal (argv[i], "--fault") || !known)
        {
          fprintf (stderr, "pb-fixture-server: cannot use %s %s\n", argv[i], argv[i + 1]);
          return 2;
        }
    }

  printf ("%s\n", pb_test_server_get_url (server));
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    {
      g_autofree char *answer = run_command (server, buf);

      printf ("%s\n", answer);
      fflush (stdout);
    }

  return 0;
}
