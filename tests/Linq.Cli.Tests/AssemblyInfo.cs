// The CLI tests start processes that build projects and create shadow databases; one at a time keeps the machine
// responsive and lets the tests count shadow databases.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
