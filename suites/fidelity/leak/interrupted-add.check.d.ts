/**
 * LEAK after ADDs that did not complete (P-DEL-1): an ADD that failed because the range was exhausted, and ADDs
 * killed with SIGKILL at a random moment (as a runtime's timeout does: cilium#9913), each followed by the DEL a
 * runtime sends. Afterwards nothing but scaffolding may remain.
 */
export {};
