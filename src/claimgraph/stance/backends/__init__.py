"""Optional stance backends behind the ``StanceJudge`` protocol (imported only when asked for)."""
