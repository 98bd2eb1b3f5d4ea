// The lazily loaded Azure bundle: the access check (under construction: issue 5).
export {};
