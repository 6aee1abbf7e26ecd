module com.example.hello {
    requires mummy.io;
}
