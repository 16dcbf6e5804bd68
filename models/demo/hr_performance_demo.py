"""The demo story of Stadt Musterstadt (demo data only).

``_load_story`` is called once by demo/hr_performance_demo_story.xml when the
module is installed with demo data. It drives the real workflow as the demo
users (take-over wizard, signing, check-ins, rating, assessment scheduling,
scoring, acknowledgement, objection), so the demo shows records exactly as
users would produce them. All texts are demo data in German, not terms to
translate.
"""

from odoo import api, fields, models

FORM = "hr_performance.hr_assessment_form_tvoed"

#: Personal goals per employee and period: (title, weight, success criteria,
#: actions, target, unit, deadline).
PERSONAL_GOALS = {
    ("schmidt", 2025): [
        (
            "Online-Terminvergabe für Meldeangelegenheiten betreuen",
            100,
            "Alle Terminarten des Meldewesens sind online buchbar.",
            "Terminarten anlegen, Zeitfenster pflegen, Kolleginnen einweisen.",
            12,
            "Terminarten",
            "2025-09-30",
        ),
    ],
    ("meyer", 2025): [
        (
            "Rückstand bei Meldebescheinigungen abbauen",
            100,
            "Keine Anfrage ist älter als zwei Wochen.",
            "Feste Bearbeitungszeit am Dienstag und Donnerstag.",
            0,
            "offene Anfragen älter als 14 Tage",
            "2025-06-30",
        ),
    ],
    ("becker", 2026): [
        (
            "Terminvergabe und Schalterplanung des Bürgeramts neu aufstellen",
            60,
            "Personaleinsatzplan nach Terminaufkommen; Schalter zu Stoßzeiten "
            "voll besetzt.",
            "Auswertung des Aufrufsystems monatlich, Dienstplan quartalsweise "
            "anpassen.",
            4,
            "Quartalsplanungen",
            "2026-12-31",
        ),
        (
            "Einarbeitungskonzept für neue Beschäftigte einführen",
            40,
            "Jede neue Kraft arbeitet nach einem schriftlichen Einarbeitungsplan.",
            "Checkliste und Patenmodell mit dem Personalamt abstimmen.",
            1,
            "Konzept",
            "2026-06-30",
        ),
    ],
    ("schmidt", 2026): [
        (
            "Bearbeitungszeit für Personalausweisanträge verkürzen",
            60,
            "Im Durchschnitt höchstens 20 Minuten je Antrag am Schalter.",
            "Vorprüfung der Unterlagen bei Terminbuchung, Checkliste für "
            "Antragstellende.",
            20,
            "Minuten je Antrag (höchstens)",
            "2026-12-31",
        ),
        (
            "Fortbildung Ausländerrecht abschließen",
            40,
            "Lehrgang mit Zertifikat abgeschlossen; Vertretung im Ausländerwesen "
            "möglich.",
            "Teilnahme am Lehrgang des Studieninstituts (4 Module).",
            4,
            "Module",
            "2026-10-31",
        ),
    ],
    ("meyer", 2026): [
        (
            "Digitale Meldebescheinigungen einführen",
            70,
            "Meldebescheinigungen können online beantragt und per E-Mail "
            "zugestellt werden.",
            "Test des Online-Dienstes, Textbausteine, Information auf der "
            "Internetseite.",
            1,
            "Online-Dienst",
            "2026-09-30",
        ),
        (
            "Aktenrückstand im Meldewesen abbauen",
            30,
            "Keine unerledigte Meldeakte ist älter als vier Wochen.",
            "Zwei feste Bearbeitungsvormittage je Monat (Teilzeit 20 Stunden).",
            0,
            "Akten älter als 4 Wochen",
            "2026-06-30",
        ),
    ],
    ("yilmaz", 2026): [
        (
            "Wartemarkensystem am Empfang sicher bedienen",
            50,
            "Alle Vorsprachen werden richtig dem Anliegen zugeordnet.",
            "Einweisung durch die Teamleitung, Vertretung am Empfang.",
            98,
            "% richtige Zuordnungen",
            "2026-06-30",
        ),
        (
            "Mehrsprachige Auskünfte am Empfang",
            50,
            "Auskünfte auf Türkisch und Englisch nach dem Leitfaden des Bürgerbüros.",
            "Leitfaden übersetzen und mit dem Team abstimmen.",
            2,
            "Sprachen",
            "2026-09-30",
        ),
    ],
    ("richter", 2026): [
        (
            "Fundsachenverwaltung digitalisieren",
            100,
            "Alle Fundsachen ab Juni 2026 im Fundbüro-Portal erfasst.",
            "Erfassung neuer Fundsachen am Tag des Eingangs.",
            100,
            "% erfasste Fundsachen",
            "2026-12-31",
        ),
    ],
    ("wagner", 2026): [
        (
            "Digitalen Bauantrag einführen",
            70,
            "Bauanträge können über das Bürgerportal digital eingereicht werden.",
            "Projektleitung mit der IT; Schulung der Sachbearbeitung.",
            1,
            "Online-Verfahren",
            "2026-10-31",
        ),
        (
            "Vertretungsregelung im Bauamt festlegen",
            30,
            "Für jedes Sachgebiet ist eine schriftliche Vertretung geregelt.",
            "Abstimmung mit den Sachgebietsleitungen.",
            4,
            "Sachgebiete",
            "2026-03-31",
        ),
    ],
    ("fischer", 2026): [
        (
            "Sanierung der Grundschule am Markt im Kostenrahmen steuern",
            60,
            "Die Kosten bleiben im genehmigten Rahmen, der Bauzeitenplan wird "
            "eingehalten.",
            "Monatliche Baubesprechung, Kostenverfolgung je Gewerk.",
            100,
            "% des Kostenrahmens (höchstens)",
            "2026-11-30",
        ),
        (
            "Prüffristen im Sachgebiet Hochbau einhalten",
            40,
            "Statische Prüfungen werden innerhalb von sechs Wochen veranlasst.",
            "Wöchentliche Fristenliste im Team.",
            6,
            "Wochen (höchstens)",
            "2026-12-31",
        ),
    ],
    ("weber", 2026): [
        (
            "Bauüberwachung Kita Sonnenweg",
            60,
            "Mängelfreie Abnahme bis zum 30.09.2026.",
            "Wöchentliche Baustellenbegehung mit Protokoll.",
            1,
            "Abnahme",
            "2026-09-30",
        ),
        (
            "Digitale Bauakte für laufende Projekte anlegen",
            40,
            "Alle laufenden Projekte haben eine vollständige digitale Bauakte.",
            "Scannen der Papierakten, Ablage nach Aktenplan.",
            25,
            "Projekte",
            "2026-12-31",
        ),
    ],
    ("koch", 2026): [
        (
            "Bestandspläne der städtischen Gebäude digitalisieren",
            100,
            "Bestandspläne aller Schulgebäude liegen als CAD-Datei vor.",
            "Pläne aufnehmen und im CAD nachzeichnen.",
            8,
            "Schulgebäude",
            "2026-12-31",
        ),
    ],
}

#: Achievements (percent) when rated: per employee and period, first the
#: company goals, then the department goal, then the personal goals, each
#: as (achievement, actual value).
ACHIEVEMENTS = {
    ("schmidt", 2025): [(95, 101), (120, 72), (110, 12)],
    ("meyer", 2025): [(95, 101), (120, 72), (100, 0)],
    ("becker", 2026): [(100, 99), (90, 9), (110, 13), (120, 4), (100, 1)],
    ("wagner", 2026): [(100, 99), (90, 9), (85, 78), (110, 1), (100, 4)],
}

#: Points of the assessments, line by line (tasks 1 and 2), repeated.
SCORES = {
    "becker": [(4, 4), (4, 5), (3, 4), (4, 4)],
    "wagner": [(4, 4), (3, 4), (4, 3), (5, 4)],
    "koch": [(4, 4), (4, 3), (5, 4), (4, 4)],
    "braun": [(3, 3), (3, 4), (3, 3), (4, 3)],
    "weber": [(3, 2), (2, 3), (3, 3), (2, 2)],
    "fischer": [(4, 4), (4, 5)],
    "schmidt": [(4, 5)],
}

TASKS = {
    "becker": ["Leitung des Bürgeramts", "Personaleinsatzplanung"],
    "wagner": ["Leitung des Bauamts", "Haushalt und Vergabe"],
    "koch": ["Bestandspläne", "Bauzeichnungen für Genehmigungen"],
    "braun": ["Posteingang und Fristen", "Gebührenbescheide"],
    "weber": ["Bauüberwachung", "Abnahmen"],
    "fischer": ["Projektleitung Hochbau", "Führung des Sachgebiets"],
    "schmidt": ["Ausweise und Pässe", "Meldeangelegenheiten"],
}


DEMO_LANG = "de_DE"
#: The logins of the demo story's users (see demo/hr_performance_demo.xml).
DEMO_LOGINS = [
    "hr.admin",
    "hr.officer",
    "payroll",
    "manager.becker",
    "manager.wagner",
    "manager.fischer",
    "employee.schmidt",
    "employee.meyer",
    "portal.yilmaz",
    "portal.weber",
    "hr.stadtwerke",
    "employee.schulz",
]


class HrPerformanceDemo(models.AbstractModel):
    """Builds the demo story through the real workflow (demo data only)."""

    _name = "hr.performance.demo"
    _description = "Performance Management Demo Story"

    @api.model
    def _load_story(self):
        """Agreements, check-ins, assessments and results of the demo.

        Idempotent: does nothing when the 2026 period already has agreements.
        """
        period_2026 = self.env.ref("hr_performance.period_2026")
        if (
            self.env["hr.goal.agreement"]
            # sudo: the demo story is loaded by the system
            .sudo()
            .search_count([("period_id", "=", period_2026.id)])
        ):
            return False
        # No web server runs while the demo data loads: the agreed versions
        # are archived as PDF by the hourly job once bin/demo serves.
        story = self._in_german().with_context(hr_performance_defer_archive=True)
        story._story_2025()
        story._story_2026(period_2026)
        story._story_pay_2026(period_2026)
        story._story_variable_2026()
        return True

    def _in_german(self):
        """The demo users (and admin) work in German when bin/demo loaded the
        language; the story then writes its names and messages in German."""
        lang = DEMO_LANG
        if not self.env["res.lang"]._lang_get(lang):
            return self
        users = self.env["res.users"].search(
            [("login", "in", DEMO_LOGINS)]
        ) | self.env.ref("base.user_admin")
        users.write({"lang": lang, "tz": "Europe/Berlin"})
        # The addon's own translations are loaded after its data: load them
        # now, so that the records the story copies (the wage type's name on
        # the payslips) are German.
        self.env["ir.module.module"].search(
            [("name", "=", "hr_performance")]
        )._update_translations(filter_lang=[lang])
        return self.with_context(lang=lang, tz="Europe/Berlin")

    # ------------------------------------------------------------------
    # the two periods
    # ------------------------------------------------------------------
    def _story_2025(self):
        """Closed year: Anna Schmidt and Lukas Meyer, rated and closed."""
        period = self.env.ref("hr_performance.period_2025")
        admin, officer, becker = self._users("schneider", "krueger", "becker")
        period.with_user(admin).action_open()
        agreements = self._take_over(period, ["schmidt", "meyer"])
        for key, agreement in agreements.items():
            self._add_personal_goals(agreement, becker, key, 2025)
            self._sign(agreement, becker, self._users(key)[0])
            agreement.with_user(becker).action_start()
        self._checkin(
            agreements["schmidt"],
            "schmidt",
            "2025-06-16",
            70,
            "on_track",
            "Acht von zwölf Terminarten sind online buchbar.",
        )
        self._advance_2025(period)
        for key, agreement in agreements.items():
            agreement.with_user(becker).action_start_rating()
            self._rate(agreement, becker, ACHIEVEMENTS[key, 2025])
            agreement.with_user(becker).action_finish_rating()
        all_agreements = self.env["hr.goal.agreement"].union(*agreements.values())
        all_agreements.with_user(officer).action_close()
        results = (
            self.env["hr.performance.result"]
            .with_user(officer)
            ._generate_for_periods(period)
        )
        results.action_finalize()
        self._final_2025(period)
        period.with_user(admin).action_close()

    def _not_entitled_group(self, period):
        """Everyone else in scope: civil servants and staff outside TVöD (in
        the demo also Odoo's own English demo employees) get no pay line."""
        return {
            "name": "Ohne Leistungsentgelt (Beamte, außertariflich)",
            "period_id": period.id,
            "selection_type": "rest",
            "entitled": False,
            "sequence": 99,
        }

    def _advance_2025(self, period):
        """July 2025: an advance (Abschlag) of half the pilot group's budget
        on an assumed result of 100 %, before anyone was rated."""
        (admin,) = self._users("schneider")
        period.with_user(admin).write(
            {
                "pay_budget_mode": "amount",
                "pay_budget_amount": 2400.0,
                "pay_advance_share": 50.0,
                "pay_advance_missing": "assume",
                "pay_advance_assumed_result": 100.0,
                "pay_advance_excess": "clawback",
            }
        )
        self.env["hr.performance.bonus.group"].with_user(admin).create(
            self._not_entitled_group(period)
        )
        self.env["hr.performance.bonus.group"].with_user(admin).create(
            {
                "name": "Pilotgruppe Bürgeramt",
                "period_id": period.id,
                "selection_type": "manual",
                "employee_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref(f"hr_performance.employee_{key}").id
                            for key in ("schmidt", "meyer")
                        ],
                    )
                ],
            }
        )
        return self._paid_run(
            period, "Leistungsentgelt 2025 – Abschlag Juli", "advance", "2025-07-01"
        )

    def _final_2025(self, period):
        """February 2026: the final run distributes the whole 2025 budget on
        the final results and offsets the July advance."""
        return self._paid_run(
            period, "Leistungsentgelt 2025 – Endabrechnung", "final", "2026-02-01"
        )

    def _paid_run(self, period, name, run_type, payout_date):
        """A run computed by HR, approved by the head of personnel, posted
        and marked paid by the payroll office."""
        admin, officer, payroll = self._users("schneider", "krueger", "lehmann")
        run = (
            self.env["hr.performance.pay.run"]
            .with_user(officer)
            .create(
                {
                    "name": name,
                    "run_type": run_type,
                    "period_id": period.id,
                    "payout_date": payout_date,
                }
            )
        )
        run.action_compute()
        run.with_user(admin).action_approve()
        run.with_user(payroll).action_post()
        run.with_user(payroll).action_mark_paid()
        return run

    def _story_2026(self, period):
        admin, officer, becker, wagner, fischer = self._users(
            "schneider", "krueger", "becker", "wagner", "fischer"
        )
        period.with_user(admin).action_open()
        supervisors = {
            "becker": admin,
            "schmidt": becker,
            "meyer": becker,
            "yilmaz": becker,
            "richter": becker,
            "wagner": admin,
            "fischer": wagner,
            "weber": fischer,
            "koch": fischer,
        }
        agreements = self._take_over(period, list(supervisors))
        for key, agreement in agreements.items():
            self._add_personal_goals(agreement, supervisors[key], key, 2026)

        # Paul Richter (no user account) stays a draft; Miriam Koch's
        # agreement was cancelled (long absence).
        agreements["koch"].with_user(fischer).action_cancel(
            reason="Frau Koch ist ab April 2026 für ein Jahr in Elternzeit; "
            "die Zielvereinbarung entfällt."
        )
        # Fatma Yilmaz: submitted, her supervisor has agreed, she has not yet.
        agreements["yilmaz"].with_user(becker).action_submit()
        agreements["yilmaz"].with_user(becker).action_agree()
        # Lukas Meyer: agreed by both sides, not started yet.
        self._sign(agreements["meyer"], becker, self._users("meyer")[0])
        # The others are signed and running.
        for key in ("schmidt", "weber", "fischer", "becker", "wagner"):
            self._sign(agreements[key], supervisors[key], self._users(key)[0])
            agreements[key].with_user(supervisors[key]).action_start()
        self._checkins_2026(agreements)
        # Stefan Fischer is being rated; Claudia Becker and Thomas Wagner are
        # rated.
        agreements["fischer"].with_user(wagner).action_start_rating()
        personal = agreements["fischer"].goal_ids.filtered(
            lambda goal: goal.level == "personal"
        )
        personal[:1].with_user(wagner).write(
            {"achievement": 105.0, "actual_value": 97.0}
        )
        for key in ("becker", "wagner"):
            agreements[key].with_user(admin).action_start_rating()
            self._rate(agreements[key], admin, ACHIEVEMENTS[key, 2026])
            agreements[key].with_user(admin).action_finish_rating()
        self._assessments_2026(period)
        self.env["hr.performance.result"].with_user(officer)._generate_for_periods(
            period
        )

    def _story_pay_2026(self, period):
        """Performance pay 2026: an advance (Abschlag) of half the budget on
        the provisional results (100 % assumed for who is not rated yet),
        approved by the head of personnel and posted to the December
        payroll. The final run follows in 2027 on the final results."""
        admin, officer, payroll = self._users("schneider", "krueger", "lehmann")
        period.with_user(admin).write(
            {
                "pay_budget_mode": "amount",
                "pay_budget_amount": 6000.0,
                "pay_min_result": 10.0,
                "pay_max_payout": 0.0,
                "pay_allow_provisional": True,
                "pay_provisional_difference": "next_run",
                "pay_advance_share": 50.0,
                "pay_advance_missing": "assume",
                "pay_advance_assumed_result": 100.0,
                "pay_advance_excess": "clawback",
            }
        )
        # The city's three offices; Odoo's own demo employees of the same
        # company (Mitchell Admin, Keith Byrd, ...) fall in the group without
        # performance pay.
        offices = [
            self.env.ref(f"hr_performance.department_{key}").id
            for key in ("citizens_office", "building_authority", "personnel_office")
        ]
        self.env["hr.performance.bonus.group"].with_user(admin).create(
            [
                {
                    "name": "Stadtverwaltung",
                    "period_id": period.id,
                    "selection_type": "department",
                    "department_ids": [(6, 0, offices)],
                },
                self._not_entitled_group(period),
            ]
        )
        run = (
            self.env["hr.performance.pay.run"]
            .with_user(officer)
            .create(
                {
                    "name": "Leistungsentgelt 2026 – Abschlag Dezember",
                    "run_type": "advance",
                    "period_id": period.id,
                    "payout_date": "2026-12-01",
                }
            )
        )
        run.action_compute()
        run.with_user(admin).action_approve()
        run.with_user(payroll).action_post()
        self._payroll_december_2026(payroll)
        return run

    # ------------------------------------------------------------------
    # Stadtwerke: variable pay (target salary, goal weights, bonus curves)
    # ------------------------------------------------------------------
    def _story_variable_2026(self):
        """Stadtwerke Musterstadt GmbH pays its staff outside the collective
        agreement by target salary: Nina Schulz has 10 % of her target salary
        variable, split over two goals with bonus curves, plus a bonus on top
        for the smart-meter rollout. Her goals are running; the check-ins
        give the forecast, two weeks of unpaid leave reduce it day by day.

        The story runs as the system (the demo data's function call): what
        the Stadtwerke's HR officer may not do (the period, its bonus group,
        contract and time off data) the system does in its own environment.
        """
        company = self.env.ref("hr_performance.company_stadtwerke")
        wolf, schulz = self._users("wolf", "schulz")
        period = self.env["hr.performance.period"].create(
            {
                "name": "Variable Vergütung 2026",
                "company_id": company.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "method": "goals",
                "state": "open",
                "hr_contact_id": wolf.id,
            }
        )
        self.env.ref("hr_performance.contract_schulz").write(
            {"hrp_variable_mode": "percent", "hrp_variable_percent": 10.0}
        )
        self.env["hr.performance.bonus.group"].create(
            {
                "name": "AT-Beschäftigte Stadtwerke",
                "period_id": period.id,
                "selection_type": "all",
                "pay_model": "variable",
            }
        )
        # The fault-repair time is measured monthly (a KPI); Oliver Wolf
        # enters the values, which are closed at once.
        repair = (
            self.env["hr.performance.kpi"]
            .with_user(wolf)
            .create(
                {
                    "name": "Störungsbehebungszeit Mittelspannung",
                    "unit": "Stunden je Störung",
                    "period_unit": "months",
                    "period_count": 1,
                    "period_reference": "2000-01-01",
                    "owner_level": "employee",
                    "cumulative": False,
                    "corrections_allowed": True,
                    "delay_unit": "days",
                    "delay_count": 10,
                    "description": "Mittlere Zeit von der Störungsmeldung bis zur "
                    "Wiederversorgung, aus dem Netzleitsystem.",
                }
            )
        )
        self.env["hr.performance.kpi.value"].with_user(wolf).create(
            [
                {
                    "kpi_id": repair.id,
                    "employee_id": self.env.ref("hr_performance.employee_schulz").id,
                    "date_from": f"2026-{month:02d}-01",
                    "date_to": str(
                        repair._periodisation().period_of(
                            fields.Date.to_date(f"2026-{month:02d}-01")
                        )[1]
                    ),
                    "value": value,
                }
                for month, value in enumerate((4.4, 4.1, 3.9, 3.8, 3.7, 3.6), start=1)
            ]
        )
        positive = self.env.ref("hr_performance.curve_standard_positive")
        negative = self.env.ref("hr_performance.curve_standard_negative")
        steps = self.env.ref("hr_performance.curve_steps")
        employee = self.env.ref("hr_performance.employee_schulz")
        agreement = (
            self.env["hr.goal.agreement"]
            .with_user(wolf)
            .create(
                {
                    "employee_id": employee.id,
                    "period_id": period.id,
                    "supervisor_id": employee.parent_id.id,
                    "pay_model": "variable",
                    "goal_ids": [
                        (
                            0,
                            0,
                            {
                                "level": "personal",
                                "sequence": 10,
                                "name": "Netzverfügbarkeit Mittelspannung",
                                "pay_kind": "variable",
                                "weight": 60,
                                "target_value": 99.9,
                                "unit": "% Verfügbarkeit",
                                "curve_template_id": positive.id,
                                "curve_lower_achievement": 98.0,
                                "curve_lower_rate": 50.0,
                                "curve_upper_achievement": 101.0,
                                "curve_upper_rate": 150.0,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "level": "personal",
                                "sequence": 20,
                                "name": "Störungen schneller beheben",
                                "pay_kind": "variable",
                                "weight": 40,
                                "target_value": 4.0,
                                "unit": "Stunden je Störung (höchstens)",
                                "achievement_mode": "kpi",
                                "kpi_id": repair.id,
                                "curve_template_id": negative.id,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "level": "personal",
                                "sequence": 30,
                                "name": "Smart-Meter-Rollout Nordstadt",
                                "pay_kind": "bonus_absolute",
                                "bonus_amount": 1000.0,
                                "target_value": 400,
                                "unit": "Zähler",
                                "goal_date_from": "2026-04-01",
                                "goal_date_to": "2026-09-30",
                                "curve_template_id": steps.id,
                            },
                        ),
                    ],
                }
            )
        )
        # Payout: network availability any time (monthly advances on the
        # latest check-in), fault-repair time after each month whose value
        # is closed (sub-goals: 4 hours in every month), the rollout bonus
        # once after its goal period.
        goals = agreement.goal_ids.sorted("sequence")
        goals[0].with_user(wolf).payout_timing = "any"
        goals[1].with_user(wolf).payout_timing = "subgoal"
        goals[1].with_user(wolf).action_generate_subgoals()
        self._sign(agreement, wolf, schulz)
        agreement.with_user(wolf).action_start()
        for goal, date, progress, comment in (
            (goals[0], "2026-06-30", 99.8, "Zwei kurze Ausfälle im Mai."),
            (goals[1], "2026-06-30", 90.0, "Im Schnitt 3,6 Stunden je Störung."),
            (goals[2], "2026-09-30", 105.0, "420 Zähler eingebaut."),
        ):
            self._checkin(agreement, schulz, date, progress, "on_track", comment, goal)
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "Unbezahlter Urlaub",
                "hrp_unpaid": True,
                "requires_allocation": "no",
                "company_id": company.id,
            }
        )
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": "2026-08-03",
                    "request_date_to": "2026-08-14",
                    "private_name": "Unbezahlter Urlaub (Pflege)",
                }
            )
        )
        leave.with_context(leave_skip_state_check=True).write({"state": "validate"})
        self._monthly_runs_2026(period, wolf)
        return agreement

    def _monthly_runs_2026(self, period, wolf):
        """The Stadtwerke pay variable pay monthly (claw-back of at most
        300 € a payslip): Oliver Wolf computed the runs of January to
        November, which are approved and posted; December waits for its
        approval. The Stadtwerke have no HR administrator or payroll user in
        the demo: the system (the story's environment) approves and posts."""
        period.write(
            {
                "pay_variable_schedule": "monthly",
                "pay_overpayment": "clawback",
                "pay_clawback_limit": 300.0,
            }
        )
        Run = self.env["hr.performance.pay.run"].with_user(wolf)
        for month in range(1, 13):
            run = Run.create(
                {
                    "period_id": period.id,
                    "run_type": "monthly",
                    "payroll_month": f"2026-{month:02d}-01",
                    "budget_amount": 0.0,
                }
            )
            run.action_compute()
            if month < 12:
                system_run = run.with_env(self.env)
                system_run.action_approve()
                system_run.action_post()

    def _payroll_december_2026(self, payroll):
        """The payroll office computes the December 2026 batch: each payslip
        of the city's staff carries the advance as wage type LOB. It is
        left computed, for the payroll office to check and confirm."""
        # The wage type joins the company's structure in the post-init hook,
        # which runs after the demo data: wire it in first (idempotent).
        self.env["hr.salary.rule.category"]._hr_performance_attach_to_allowance()
        self.env["hr.salary.rule"]._hr_performance_add_to_default_structures()
        env = self.env(user=payroll)
        offices = [
            self.env.ref(f"hr_performance.department_{key}").id
            for key in ("citizens_office", "building_authority", "personnel_office")
        ]
        employees = (
            env["hr.contract"]
            .search(
                [
                    ("employee_id.department_id", "in", offices),
                    ("state", "=", "open"),
                    ("struct_id", "!=", False),
                ]
            )
            .employee_id
        )
        batch = env["hr.payslip.run"].create(
            {
                "name": "Entgeltabrechnung Dezember 2026",
                "date_start": "2026-12-01",
                "date_end": "2026-12-31",
            }
        )
        wizard = env["hr.payslip.employees"].create(
            {"employee_ids": [(6, 0, employees.ids)]}
        )
        wizard.with_context(active_id=batch.id).compute_sheet()
        batch.slip_ids.compute_sheet()
        return batch

    def _checkins_2026(self, agreements):
        becker, fischer = self._users("becker", "fischer")
        schmidt = agreements["schmidt"]
        goals = schmidt.goal_ids.filtered(lambda goal: goal.level == "personal")
        self._checkin(
            schmidt,
            "schmidt",
            "2026-04-20",
            30,
            "on_track",
            "Checkliste für Antragstellende ist fertig und liegt im Wartebereich aus.",
            goals[:1],
        )
        self._checkin(
            schmidt,
            "schmidt",
            "2026-07-15",
            50,
            "on_track",
            "Module 1 und 2 des Lehrgangs Ausländerrecht bestanden.",
            goals[1:2],
        )
        self._checkin(
            schmidt,
            becker,
            "2026-10-12",
            70,
            "on_track",
            "Halbjahresgespräch: Bearbeitungszeit liegt bei 21 Minuten, Tendenz "
            "fallend. Wir liegen im Plan.",
        )
        weber = agreements["weber"]
        self._checkin(
            weber,
            fischer,
            "2026-06-30",
            35,
            "behind",
            "Die Kita Sonnenweg verzögert sich um sechs Wochen (Lieferengpass "
            "Fenster). Neue Abnahme voraussichtlich Mitte November; Herr Weber "
            "stimmt die Termine mit den Firmen ab.",
            weber.goal_ids.filtered(lambda goal: goal.level == "personal")[:1],
        )
        self._checkin(
            agreements["fischer"],
            "fischer",
            "2026-08-31",
            80,
            "on_track",
            "Sanierung Grundschule im Kostenrahmen; Fristenliste eingeführt.",
        )
        self._checkin(
            agreements["wagner"],
            "wagner",
            "2026-07-01",
            60,
            "on_track",
            "Pilotbetrieb des digitalen Bauantrags seit Juni.",
        )

    def _assessments_2026(self, period):
        """Annual assessments (TVöD annual form) of the Bauamt and the Bürgeramt."""
        admin, officer, becker, wagner, fischer = self._users(
            "schneider", "krueger", "becker", "wagner", "fischer"
        )
        form = self.env.ref(FORM)
        Wizard = self.env["hr.assessment.schedule.wizard"].with_user(officer)
        for department in ("building_authority", "citizens_office"):
            Wizard.create(
                {
                    "period_id": period.id,
                    "form_id": form.id,
                    "date": "2026-11-30",
                    "assessor_rule": "supervisor",
                    "selection": "department",
                    "department_id": self.env.ref(
                        f"hr_performance.department_{department}"
                    ).id,
                }
            ).action_schedule()
        assessments = {
            assessment.employee_id.user_id.login
            or assessment.employee_id.name: assessment
            for assessment in self.env["hr.assessment"]
            # sudo: the demo story is loaded by the system
            .sudo()
            .search([("period_id", "=", period.id)])
        }
        by_key = {
            key: assessments[name]
            for key, name in (
                ("becker", "manager.becker"),
                ("wagner", "manager.wagner"),
                ("fischer", "manager.fischer"),
                ("schmidt", "employee.schmidt"),
                ("weber", "portal.weber"),
                ("koch", "Miriam Koch"),
                ("braun", "Elena Braun"),
            )
        }
        # Submitted: Miriam Koch and Elena Braun (no user account).
        self._score(by_key["koch"], fischer, "koch", submit=True)
        self._score(by_key["braun"], wagner, "braun", submit=True)
        # Claudia Becker has acknowledged hers.
        self._score(by_key["becker"], admin, "becker", submit=True)
        by_key["becker"].with_user(becker).action_acknowledge()
        # Thomas Wagner acknowledged; HR has finalized it.
        self._score(by_key["wagner"], admin, "wagner", submit=True)
        by_key["wagner"].with_user(wagner).action_acknowledge()
        by_key["wagner"].with_user(officer).action_finalize()
        # Jonas Weber objects (through the portal); HR reviews the objection.
        self._score(by_key["weber"], fischer, "weber", submit=True)
        weber = self._users("weber")[0]
        objection = (
            by_key["weber"]
            .with_user(weber)
            ._object_with_reason(
                "Die Verzögerung bei der Kita Sonnenweg lag an "
                "Lieferengpässen der Fensterfirma, nicht an meiner "
                "Bauüberwachung. Ich bitte um Überprüfung der Bewertung "
                "im Bereich Arbeitsmenge."
            )
        )
        objection.with_user(officer).action_review()
        # Started, not finished: Stefan Fischer and Anna Schmidt.
        self._score(by_key["fischer"], wagner, "fischer", submit=False)
        self._score(by_key["schmidt"], becker, "schmidt", submit=False)

    # ------------------------------------------------------------------
    # workflow helpers (each step as the user who does it)
    # ------------------------------------------------------------------
    def _users(self, *keys):
        return [self.env.ref(f"hr_performance.user_{key}") for key in keys]

    def _take_over(self, period, keys):
        """Company and department goals into new drafts (HR take-over wizard)."""
        officer = self._users("krueger")[0]
        employees = self.env["hr.employee"].browse(
            [self.env.ref(f"hr_performance.employee_{key}").id for key in keys]
        )
        Wizard = self.env["hr.goal.takeover.wizard"].with_user(officer)
        for source in ("company", "department"):
            Wizard.create(
                {
                    "period_id": period.id,
                    "source": source,
                    "scope": "employees",
                    "employee_ids": [(6, 0, employees.ids)],
                }
            ).action_apply()
        agreements = (
            self.env["hr.goal.agreement"]
            # sudo: the demo story is loaded by the system
            .sudo()
            .search(
                [("period_id", "=", period.id), ("employee_id", "in", employees.ids)]
            )
        )
        by_employee = {agreement.employee_id: agreement for agreement in agreements}
        return {
            key: by_employee[employee]
            for key, employee in zip(keys, employees, strict=True)
        }

    def _add_personal_goals(self, agreement, user, key, year):
        self.env["hr.goal"].with_user(user).create(
            [
                {
                    "agreement_id": agreement.id,
                    "level": "personal",
                    "sequence": 10 * index,
                    "name": name,
                    "weight": weight,
                    "success_criteria": criteria,
                    "actions": actions,
                    "target_value": target,
                    "unit": unit,
                    "deadline": deadline,
                }
                for index, (
                    name,
                    weight,
                    criteria,
                    actions,
                    target,
                    unit,
                    deadline,
                ) in enumerate(PERSONAL_GOALS[key, year], start=1)
            ]
        )

    def _sign(self, agreement, supervisor, employee):
        """Submit, then both sides agree (a portal user agrees in the portal)."""
        agreement.with_user(supervisor).action_submit()
        agreement.with_user(supervisor).action_agree()
        # A portal user agrees in the portal, which calls the same action
        # with the portal user's own rights.
        agreement.with_user(employee).action_agree()

    def _checkin(self, agreement, author, date, progress, status, comment, goal=None):
        if isinstance(author, str):
            author = self._users(author)[0]
        self.env["hr.goal.checkin"].with_user(author).create(
            {
                "agreement_id": agreement.id,
                "goal_id": goal.id if goal else False,
                "date": date,
                "progress": progress,
                "status": status,
                "comment": comment,
            }
        )

    def _rate(self, agreement, rater, achievements):
        goals = agreement.goal_ids.sorted(
            lambda goal: (
                ("company", "department", "personal").index(goal.level),
                goal.sequence,
                goal.id,
            )
        )
        for goal, (achievement, actual) in zip(goals, achievements, strict=True):
            goal.with_user(rater).write(
                {"achievement": achievement, "actual_value": actual}
            )

    def _score(self, assessment, assessor, key, submit):
        """Enter the points (tasks 1 and 2) as the assessor; submit if asked."""
        levels = {
            level.points: level
            # sudo: the demo story is loaded by the system
            for level in assessment.sudo().form_id.scale_id.level_ids
        }
        tasks = TASKS[key]
        assessment = assessment.with_user(assessor)
        assessment.write(
            {
                "task_name_1": tasks[0],
                "task_name_2": tasks[1],
                "comment": "<p>Beurteilungsgespräch am 24.11.2026 geführt.</p>",
            }
        )
        scores = SCORES[key]
        lines = assessment.line_ids
        if not submit:
            lines = lines[: len(scores)]
        for index, line in enumerate(lines):
            first, second = scores[index % len(scores)]
            line.write(
                {
                    "task_1_level_id": levels[first].id,
                    "task_2_level_id": levels[second].id,
                }
            )
        if submit:
            assessment.action_submit()
