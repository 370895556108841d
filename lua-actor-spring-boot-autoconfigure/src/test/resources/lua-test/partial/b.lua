-- does not compile
return (
