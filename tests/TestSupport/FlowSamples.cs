namespace WorkflowDefinitions.TestSupport;

/// <summary>Flow template documents the tests share: the contract's examples and small valid flows.</summary>
public static class FlowSamples
{
    /// <summary>A valid flow: t1 -> t2, one phase, a manual trigger.</summary>
    public const string Minimal = """
        {"name": "Minimal flow", "trigger": {"type": "manual"},
         "phases": [{"id": "p1", "name": "Phase 1"}],
         "tasks": [{"id": "t1", "name": "First", "task_type": "MANUAL", "phase_id": "p1"},
                   {"id": "t2", "name": "Second", "task_type": "MANUAL"}],
         "edges": [{"id": "e1", "from_id": "t1", "to_id": "t2"}]}
        """;

    /// <summary>The contract's minimal valid decision-with-loop graph (§3.3).</summary>
    public const string ReviewLoop = """
        {"name": "Review loop", "tasks": [
          {"id": "t1", "name": "Collect", "task_type": "MANUAL"},
          {"id": "d1", "name": "Complete?", "task_type": "DECISION", "trigger_mode": "automatic",
           "conditions": [
             {"id": "c_ok",  "branch_name": "Complete", "logical_operator": "AND", "statements": [{"id": "s1", "source": {"origin": "trigger", "origin_type": "entity", "schema": "opportunity", "attribute": "status"}, "operator": "equals", "values": ["complete"]}]},
             {"id": "c_fix", "branch_name": "Incomplete", "logical_operator": "AND", "statements": null}],
           "loop_config": {"loop_branch_id": "c_fix", "exit_branch_id": "c_ok", "max_iterations": 3}},
          {"id": "t2", "name": "Fix data", "task_type": "MANUAL"},
          {"id": "t3", "name": "Done", "task_type": "MANUAL"},
          {"id": "t4", "name": "Escalate", "task_type": "MANUAL"}],
         "edges": [
          {"id": "e1", "from_id": "t1", "to_id": "d1"},
          {"id": "e2", "from_id": "d1", "to_id": "t3", "condition_id": "c_ok"},
          {"id": "e3", "from_id": "d1", "to_id": "t2", "condition_id": "c_fix"},
          {"id": "e4", "from_id": "t2", "to_id": "d1"},
          {"id": "e5", "from_id": "d1", "to_id": "t4", "none_met": true}]}
        """;

    /// <summary>The createFlowTemplate request example of the newer specification, which must be accepted.</summary>
    public const string CustomerOnboarding = """
        {"name": "Customer Onboarding", "description": "Standard customer onboarding workflow with verification steps", "version": "v3",
         "enabled": true, "trigger": {"type": "manual", "entity_schema": "contact"},
         "phases": [{"id": "phase_1", "name": "Verification"}, {"id": "phase_2", "name": "Setup"}],
         "tasks": [{"id": "task_1", "name": "Verify customer identity", "task_type": "MANUAL", "phase_id": "phase_1", "assigned_to": ["user_123"]},
                   {"id": "task_2", "name": "Send welcome email", "task_type": "AUTOMATION", "phase_id": "phase_2", "automation_config": {"flow_id": "automation_456"}, "trigger_mode": "automatic"},
                   {"id": "task_3", "name": "Schedule follow-up", "task_type": "MANUAL", "phase_id": "phase_2"}],
         "edges": [{"id": "edge_1", "from_id": "task_1", "to_id": "task_2"}, {"id": "edge_2", "from_id": "task_2", "to_id": "task_3"}],
         "closing_reasons": [{"id": "reason_completed"}, {"id": "reason_cancelled"}]}
        """;

    /// <summary>
    /// A flow referring to its tasks in every way an import renames (edges, due dates of the flow, a phase and a task,
    /// a requirement, an input context, a schedule after a task, an action statement, an entity-sync filter), to three
    /// automations, and to itself (a schedule after <c>FLOW_ID</c> started). The trigger statement's <c>collect</c>
    /// and the phase and condition ids are not task references and stay.
    /// </summary>
    public const string Portable = """
        {"name": "Portable flow", "enabled": false, "_manifest": ["blueprint-1"],
         "trigger": {"id": "tr1", "type": "automation", "automation_id": "auto-trigger"},
         "additional_triggers": [{"id": "tr2", "type": "journey_submission", "journey_id": "journey-1", "automation_id": "auto-journey"}],
         "due_date_config": {"duration": 5, "unit": "days", "type": "TASK_FINISHED", "task_id": "done"},
         "phases": [{"id": "p1", "name": "Intake", "due_date_config": {"duration": 1, "unit": "days", "type": "TASK_FINISHED", "task_id": "collect"}}],
         "tasks": [
           {"id": "collect", "name": "Collect data", "task_type": "MANUAL", "phase_id": "p1"},
           {"id": "mail", "name": "Send mail", "task_type": "AUTOMATION",
            "automation_config": {"flow_id": "auto-mail", "input_context": {"source": "task", "task_id": "collect"}},
            "requirements": [{"task_id": "collect", "when": "TASK_FINISHED"}],
            "due_date_config": {"duration": 2, "unit": "hours", "type": "TASK_FINISHED", "task_id": "collect"},
            "schedule": {"mode": "relative", "direction": "after", "duration": 1, "unit": "hours", "reference": {"id": "collect", "origin": "task_completed"}}},
           {"id": "check", "name": "Data complete?", "task_type": "DECISION", "trigger_mode": "automatic",
            "schedule": {"mode": "relative", "direction": "after", "duration": 1, "unit": "days", "reference": {"id": "FLOW_ID", "origin": "flow_started"}},
            "conditions": [{"id": "c_yes", "branch_name": "Yes", "logical_operator": "AND", "statements": [
              {"id": "s1", "source": {"id": "mail", "origin": "action", "schema": "email", "attribute": "status"}, "operator": "equals", "values": ["sent"]},
              {"id": "s2", "source": {"id": "collect", "origin": "trigger", "origin_type": "entity", "schema": "opportunity", "attribute": "status"}, "operator": "is_not_empty", "values": []}]}]},
           {"id": "done", "name": "Done", "task_type": "MANUAL", "x_note": {"kept": [1.50, "ü"]}}],
         "edges": [{"id": "e1", "from_id": "collect", "to_id": "mail"}, {"id": "e2", "from_id": "mail", "to_id": "check"},
                   {"id": "e3", "from_id": "check", "to_id": "done", "condition_id": "c_yes"}, {"id": "e4", "from_id": "check", "to_id": null, "none_met": true}],
         "entity_sync": [{"trigger": {"event": "TaskCompleted", "filter": {"task_template_id": "mail"}},
                          "target": {"entitySchema": "opportunity", "entityAttribute": "stage"}, "value": {"source": "task_status"}}],
         "closing_reasons": [{"id": "reason_completed"}]}
        """;
}

/// <summary>V1 workflow definitions the tests share.</summary>
public static class DefinitionSamples
{
    /// <summary>The createDefinition request example of the newer specification, which must be accepted.</summary>
    public const string LeadQualification = """
        {"name": "Lead Qualification", "description": "Lead Qualification description", "dueDate": "2022-08-04T12:00:00.000Z",
         "assignedTo": ["952802", "80225"],
         "flow": [{"name": "Initial Information Gathering", "order": 1, "type": "SECTION", "steps": [
                    {"name": "Call client and confirm address and product", "type": "STEP", "order": 1, "assignedTo": ["123482"]},
                    {"name": "Check product availability", "type": "STEP", "order": 2, "assignedTo": ["123482"]},
                    {"name": "Send email confirming contact with the client", "type": "STEP", "order": 3, "assignedTo": ["123482"]}]},
                  {"name": "Print and send catalog", "type": "STEP", "order": 2, "assignedTo": ["123482"]}]}
        """;

    /// <summary>A definition using references: ids, due dates after steps and sections, requirements, closing reasons.</summary>
    public const string WithReferences = """
        {"name": "Installation", "enabled": false,
         "dynamicDueDate": {"numberOfUnits": 10, "timePeriod": "days", "actionTypeCondition": "WORKFLOW_STARTED"},
         "flow": [{"id": "sec1", "name": "Preparation", "order": 1, "type": "SECTION", "steps": [
                    {"id": "st1", "name": "Survey", "order": 1, "type": "STEP"},
                    {"id": "st2", "name": "Order parts", "order": 2, "type": "STEP", "executionType": "AUTOMATION", "automationConfig": {"flowId": "auto-1"},
                     "requirements": [{"definitionId": "st1", "type": "STEP", "condition": "CLOSED"}],
                     "dynamicDueDate": {"numberOfUnits": 2, "timePeriod": "days", "actionTypeCondition": "STEP_CLOSED", "stepId": "st1"}}]},
                  {"id": "st3", "name": "Install", "order": 2, "type": "STEP",
                   "requirements": [{"definitionId": "sec1", "type": "SECTION", "condition": "CLOSED"}],
                   "dynamicDueDate": {"numberOfUnits": 1, "timePeriod": "weeks", "actionTypeCondition": "PHASE_FINISHED", "phaseId": "sec1"}}],
         "closingReasons": [{"id": "x739cew", "title": "Done"}, {"id": "gone"}],
         "updateEntityAttributes": [{"source": "current_step", "target": {"entitySchema": "opportunity", "entityAttribute": "stage"}}]}
        """;
}
