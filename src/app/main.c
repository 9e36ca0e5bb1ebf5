/* main.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-i18n.h"
#include "pb-timing.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  pb_timing_mark_main ();
  pb_i18n_init ();

  g_set_application_name (_("Paperboy"));

  app = pb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
